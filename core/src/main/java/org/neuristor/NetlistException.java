package org.neuristor;

/**
 * An error in a netlist or other input file, located by file, line and column (1-based). The
 * message reads {@code file:line:col: message} like a compiler's.
 */
public class NetlistException extends NeuristorException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final int line;
  private final int column;
  private final String detail;

  public NetlistException(String file, int line, int column, String detail) {
    super(file + ":" + line + ":" + column + ": " + detail, 2);
    this.file = file;
    this.line = line;
    this.column = column;
    this.detail = detail;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The message without the location prefix. */
  public String detail() {
    return detail;
  }
}
