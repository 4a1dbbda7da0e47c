package org.neuristor.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The top-level keys of a command's {@code --json} object, as documentation data: {@code docs/cli.md}
 * lists them (see {@link CliDocs}) and the command tests check that what a command prints is
 * declared here. Units are part of the key names ({@code rate_hz}, {@code width_s}); a value that
 * was not measured is {@code null}, usually with a {@code *_reason} key beside it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JsonKeys {
  String[] value();
}
