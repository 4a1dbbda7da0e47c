package org.neuristor.studio;

/** Quoting for the "copy the CLI command" button: POSIX shell words. */
final class Shell {
  private Shell() {}

  /** {@code s} unchanged when it has only safe characters, else in single quotes. */
  static String quote(String s) {
    if (!s.isEmpty() && s.matches("[A-Za-z0-9_.,:=+/@%-]+")) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
