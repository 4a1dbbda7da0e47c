package org.neuristor.studio;

import java.io.UncheckedIOException;
import org.neuristor.NeuristorException;

/**
 * The one-line message the CLI would print for a failure, and its exit code: a
 * {@link NeuristorException} anywhere in the cause chain gives {@code error: <message>} with its code
 * (2 input, 3 numerical), an I/O failure {@code error: <message>} with 2; anything else is an
 * internal error, reported by class and message only (its stack trace goes to the server's stderr,
 * never to the page).
 */
final class Errors {
  private Errors() {}

  /** A failure as shown in the page. */
  record Reported(String message, int exitCode) {}

  static Reported report(Throwable t) {
    Throwable c = t;
    while (!(c instanceof NeuristorException) && c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    if (c instanceof NeuristorException ne) {
      return new Reported("error: " + oneLine(ne.getMessage()), ne.exitCode());
    }
    if (t instanceof UncheckedIOException || t instanceof java.io.IOException) {
      return new Reported("error: " + oneLine(t.getMessage()), 2);
    }
    System.err.println("studio: internal error");
    t.printStackTrace(System.err);
    return new Reported("internal error: " + oneLine(t.toString()), 70);
  }

  /** The first line of a message (never a multi-line dump in the page). */
  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
