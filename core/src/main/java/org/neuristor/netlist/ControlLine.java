package org.neuristor.netlist;

/**
 * One line of a {@code .control} block, with where it was written.
 *
 * @param column 1-based column of the first character of {@code text}
 */
public record ControlLine(String file, int line, int column, String text) {
  /** {@code file:line}, for messages. */
  public String where() {
    return file + ":" + line;
  }
}
