package org.neuristor.circuit.solve;

/** Thrown by a factorization that meets a zero pivot; {@link #unknown()} is the unknown's index. */
public final class SingularMatrixException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int unknown;

  public SingularMatrixException(int unknown) {
    super("singular matrix at unknown " + unknown, null, false, false);
    this.unknown = unknown;
  }

  public int unknown() {
    return unknown;
  }
}
