package org.neuristor.device;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.neuristor.NeuristorException;

/**
 * The languages {@code device export} writes a device in: an ngspice subcircuit of B sources, the same subcircuit in
 * LTspice's B-source dialect, and a Verilog-A module (for Spectre, HSPICE and other simulators with a Verilog-A
 * compiler). The LTspice and Verilog-A forms are the ngspice form's expression trees printed in their dialects
 * ({@link ExportDialects}), so all three carry the same equations.
 */
public enum ExportFormat {
  NGSPICE("ngspice", "ngspice B sources", "sub"),
  LTSPICE("ltspice", "LTspice B sources", "lib"),
  VERILOG_A("verilog-a", "a Verilog-A module", "va");

  private final String label;
  private final String what;
  private final String extension;

  ExportFormat(String label, String what, String extension) {
    this.label = label;
    this.what = what;
    this.extension = extension;
  }

  /** The name {@code --format} takes: ngspice, ltspice, verilog-a. */
  public String label() {
    return label;
  }

  /** What the output is, for its first comment ("as ngspice B sources"). */
  public String what() {
    return what;
  }

  /** The file extension of the output: sub, lib, va. */
  public String extension() {
    return extension;
  }

  /** The format named {@code name} (case-insensitive; {@code veriloga} and {@code va} for verilog-a), else an input error. */
  public static ExportFormat of(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (ExportFormat f : values()) {
      if (f.label.equals(n)) {
        return f;
      }
    }
    if (n.equals("veriloga") || n.equals("va")) {
      return VERILOG_A;
    }
    throw NeuristorException.input("--format: unknown format '" + name + "' (formats: " + labels() + ")");
  }

  /** The format names, comma separated. */
  public static String labels() {
    return Arrays.stream(values()).map(ExportFormat::label).collect(Collectors.joining(", "));
  }
}
