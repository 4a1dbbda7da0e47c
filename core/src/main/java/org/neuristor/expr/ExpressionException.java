package org.neuristor.expr;

/** A syntax or evaluation error in an expression, at a 0-based character offset of its text. */
public final class ExpressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int offset;
  private final boolean letters;

  public ExpressionException(int offset, String message) {
    this(offset, message, false);
  }

  /** @param letters whether the error is the letters written after a number ({@link UnitLetters#noUnit}) */
  public ExpressionException(int offset, String message, boolean letters) {
    super(message);
    this.offset = offset;
    this.letters = letters;
  }

  public int offset() {
    return offset;
  }

  /** Whether the error is the letters written after a number (the message says why and how ngspice reads it). */
  public boolean letters() {
    return letters;
  }
}
