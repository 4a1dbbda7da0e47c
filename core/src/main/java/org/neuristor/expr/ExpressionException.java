package org.neuristor.expr;

/** A syntax or evaluation error in an expression, at a 0-based character offset of its text. */
public final class ExpressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int offset;

  public ExpressionException(int offset, String message) {
    super(message);
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
