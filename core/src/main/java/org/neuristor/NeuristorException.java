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

  /**
   * A user-input error for a file that cannot be read: {@code cannot read WHAT FILE: why} ({@link #why}), e.g.
   * {@code cannot read netlist x.cir: no such file}.
   *
   * @param what what the file is ("netlist", "sweep spec"), or "" for none
   */
  public static NeuristorException cannotRead(String what, Object file, java.io.IOException e) {
    return input("cannot read " + (what.isEmpty() ? "" : what + " ") + file + ": " + why(e));
  }

  /**
   * Why a file could not be read, in words: "no such file", "permission denied", "is a directory", else the I/O
   * message. (The JDK's message of a missing or unreadable file is only its path, which said nothing after it.)
   */
  public static String why(java.io.IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String m = e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    return m.equals("Is a directory") ? "is a directory" : m;
  }

  public int exitCode() {
    return exitCode;
  }
}
