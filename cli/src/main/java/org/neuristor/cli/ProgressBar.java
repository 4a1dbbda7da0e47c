package org.neuristor.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr: one updating line on a terminal ({@code task [#####-----] 45% 450/1000
 * 12.3/s ETA 0:45}), one line per 10% otherwise. Thread safe, throttled to 10 updates per second;
 * silent when the environment variable NEURISTOR_NO_PROGRESS is set.
 */
public final class ProgressBar implements AutoCloseable {
  private final String task;
  private final long total;
  private final PrintStream out;
  private final boolean tty;
  private final boolean quiet;
  private final long start = System.nanoTime();
  private long done;
  private long lastPrint;
  private int lastDecile = -1;

  public ProgressBar(String task, long total) {
    this(task, total, System.err, System.console() != null, System.getenv("NEURISTOR_NO_PROGRESS") != null);
  }

  ProgressBar(String task, long total, PrintStream out, boolean tty, boolean quiet) {
    this.task = task;
    this.total = Math.max(1, total);
    this.out = out;
    this.tty = tty;
    this.quiet = quiet;
  }

  /** A bar that prints nothing. */
  public static ProgressBar quiet(String task, long total) {
    return new ProgressBar(task, total, System.err, false, true);
  }

  public void step() {
    stepBy(1);
  }

  public synchronized void stepBy(long n) {
    done = Math.min(total, done + n);
    if (quiet) {
      return;
    }
    long now = System.nanoTime();
    if (now - start < 1_000_000_000L && done < total) {
      return; // short jobs stay silent
    }
    if (now - start < 1_000_000_000L) {
      return;
    }
    if (tty) {
      if (now - lastPrint > 100_000_000L || done == total) {
        lastPrint = now;
        out.print("\r" + line(now));
        out.flush();
      }
    } else {
      int decile = (int) (10 * done / total);
      if (decile > lastDecile) {
        lastDecile = decile;
        out.println(line(now));
      }
    }
  }

  private String line(long now) {
    double frac = (double) done / total;
    int filled = (int) Math.round(20 * frac);
    double secs = (now - start) / 1e9;
    double rate = secs > 0 ? done / secs : 0;
    long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    return String.format(Locale.ROOT, "%s [%s%s] %3d%% %d/%d %.1f/s ETA %d:%02d", task, "#".repeat(filled),
        "-".repeat(20 - filled), Math.round(100 * frac), done, total, rate, eta / 60, eta % 60);
  }

  @Override
  public synchronized void close() {
    if (!quiet && tty && lastPrint != 0) {
      out.println();
      out.flush();
    }
  }
}
