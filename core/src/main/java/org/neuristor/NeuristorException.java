package org.neuristor;

/**
 * Base of every error Neuristor reports to a user. The CLI maps {@link #exitCode()} to the process
 * exit status and prints {@link #getMessage()} as one line, without a stack trace.
 *
 * <ul>
 *   <li>2: bad user input (netlist, parameters, options, files)
 *   <li>3: numerical failure (non-convergence)
 * </ul>
 */
public class NeuristorException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public NeuristorException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public NeuristorException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A user-input error (exit code 2). */
  public static NeuristorException input(String message) {
    return new NeuristorException(message, 2);
  }

  public int exitCode() {
    return exitCode;
  }
}
