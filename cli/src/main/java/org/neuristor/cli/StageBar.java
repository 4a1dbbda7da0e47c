package org.neuristor.cli;

import org.neuristor.fit.DeviceFitter;

/** A progress bar per stage of a fit (global stage, LM iterations), on standard error. */
final class StageBar implements DeviceFitter.Progress, AutoCloseable {
  private final OutputOptions output;
  private String stage;
  private ProgressBar bar;
  private long shown;

  StageBar(OutputOptions output) {
    this.output = output;
  }

  @Override
  public synchronized void update(String s, long done, long total) {
    if (!s.equals(stage)) {
      close();
      stage = s;
      bar = output.progress("fit " + s, Math.max(1, total));
      shown = 0;
    }
    if (done > shown) {
      bar.stepBy(Math.min(done, total) - shown);
      shown = Math.min(done, total);
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
