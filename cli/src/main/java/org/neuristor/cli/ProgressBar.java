package org.neuristor.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress indicator for long runs, printed to standard error only (standard output stays clean
 * for {@code --json}).
 *
 * <p>On a terminal ({@code System.console() != null}) it redraws one line, {@code task
 * [#####-----] 45% 450/1000 12.3/s ETA 0:45}; otherwise (logs, pipes, CI) it prints a plain line
 * each time another 10% is done. Redraws are throttled to at most 10 per second so that calling
 * {@link #step()} in a tight loop costs an atomic-free counter update and a clock read. All methods
 * are thread safe. Setting the environment variable {@code NEURISTOR_NO_PROGRESS} (to anything)
 * silences every bar.
 *
 * <p>Use with try-with-resources; {@link #close()} prints the final state (100% if complete) once.
 */
public final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 20;
  private static final long MIN_REDRAW_NANOS = 100_000_000L;

  private final String task;
  private final long total;
  private final PrintStream out;
  private final boolean interactive;
  private final boolean enabled;
  private final LongSupplier clock;
  private final long startNanos;
  private long done;
  private long lastDrawNanos;
  private int lastDecile;
  private long lastPrintedDone = -1;
  private int lastLineLength;
  private boolean closed;

  /** A bar on standard error; interactive if a console is attached. */
  public ProgressBar(String task, long total) {
    this(task, total, System.err, System.console() != null,
        System.getenv("NEURISTOR_NO_PROGRESS") == null);
    this.graceNanos = GRACE_NANOS;
  }

  /** A user-facing bar stays silent for jobs that finish within this time. */
  static final long GRACE_NANOS = 1_000_000_000L;

  private long graceNanos;
  private boolean printedAny;

  /** A bar writing to {@code out} in line mode (one line per 10%), for tests and log files. */
  public ProgressBar(String task, long total, PrintStream out) {
    this(task, total, out, false, true);
  }

  /**
   * Full control, mainly for tests.
   *
   * @param interactive redraw one line with carriage returns instead of printing a line per 10%
   * @param enabled print anything at all
   */
  public ProgressBar(String task, long total, PrintStream out, boolean interactive, boolean enabled) {
    this(task, total, out, interactive, enabled, System::nanoTime);
  }

  ProgressBar(String task, long total, PrintStream out, boolean interactive, boolean enabled,
      LongSupplier clock) {
    if (total < 0) {
      throw new IllegalArgumentException("total must be >= 0, got " + total);
    }
    this.task = task;
    this.total = total;
    this.out = out;
    this.interactive = interactive;
    this.enabled = enabled;
    this.clock = clock;
    this.startNanos = clock.getAsLong();
    this.lastDrawNanos = startNanos - MIN_REDRAW_NANOS;
  }

  /** A bar that prints nothing (for {@code --json}-only or library use). */
  public static ProgressBar quiet(String task, long total) {
    return new ProgressBar(task, total, System.err, false, false);
  }

  /** One unit of work done. */
  public void step() {
    stepBy(1);
  }

  /** {@code n} units of work done. */
  public synchronized void stepBy(long n) {
    if (closed) {
      return;
    }
    done += n;
    if (!enabled) {
      return;
    }
    if (graceNanos > 0 && clock.getAsLong() - startNanos < graceNanos) {
      return; // short jobs print no progress at all
    }
    printedAny = true;
    if (interactive) {
      long now = clock.getAsLong();
      if (now - lastDrawNanos >= MIN_REDRAW_NANOS) {
        lastDrawNanos = now;
        drawInteractive(now);
      }
    } else {
      int decile = decile();
      if (decile > lastDecile) {
        long now = clock.getAsLong();
        // Several deciles at once (a big stepBy) print a single line; the throttle does not apply to
        // line mode because at most ten lines are ever printed.
        lastDecile = decile;
        lastPrintedDone = done;
        out.println(render(now));
        out.flush();
      }
    }
  }

  /** Units done so far. */
  public synchronized long done() {
    return done;
  }

  /** Prints the final state (once) and ends the line on a terminal. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!enabled || (graceNanos > 0 && !printedAny)) {
      return;
    }
    long now = clock.getAsLong();
    if (interactive) {
      drawInteractive(now);
      out.println();
    } else if (done != lastPrintedDone) {
      out.println(render(now));
    }
    out.flush();
  }

  private int decile() {
    if (total == 0) {
      return 0;
    }
    return (int) Math.min(10, done * 10 / total);
  }

  private void drawInteractive(long now) {
    String line = render(now);
    StringBuilder sb = new StringBuilder(line.length() + 8).append('\r').append(line);
    for (int i = line.length(); i < lastLineLength; i++) {
      sb.append(' '); // erase leftovers of a longer previous line
    }
    lastLineLength = line.length();
    out.print(sb);
    out.flush();
  }

  /** The status line without line terminators; package-private for tests. */
  synchronized String render(long now) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    double rate = done / seconds;
    double fraction = total == 0 ? 1.0 : Math.min(1.0, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    StringBuilder sb = new StringBuilder(task.length() + 64).append(task).append(" [");
    for (int i = 0; i < WIDTH; i++) {
      sb.append(i < filled ? '#' : '-');
    }
    sb.append("] ").append((int) Math.floor(fraction * 100)).append("% ")
        .append(done).append('/').append(total).append(' ')
        .append(String.format(Locale.ROOT, "%.1f/s", rate));
    if (done < total && done > 0) {
      sb.append(" ETA ").append(clockTime((total - done) / rate));
    } else if (done >= total) {
      sb.append(" in ").append(clockTime(seconds));
    }
    return sb.toString();
  }

  /** Formats seconds as {@code m:ss} or {@code h:mm:ss}. */
  static String clockTime(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      return "?";
    }
    long s = Math.round(seconds);
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
        : String.format(Locale.ROOT, "%d:%02d", m, sec);
  }
}
