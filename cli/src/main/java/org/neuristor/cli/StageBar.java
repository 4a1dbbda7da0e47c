package org.neuristor.cli;

import org.neuristor.fit.DeviceFitter;

/** A progress bar per stage of a fit (global stage, LM iterations), on standard error. */
final class StageBar implements DeviceFitter.Progress, AutoCloseable {
  private final OutputOptions output;
  /** Also told every update first (the studio's progress and cancel), or null. */
  private final DeviceFitter.Progress listener;
  private String stage;
  private ProgressBar bar;
  private long shown;

  StageBar(OutputOptions output, DeviceFitter.Progress listener) {
    this.output = output;
    this.listener = listener;
  }

  @Override
  public void overall(double fraction) {
    if (listener != null) {
      listener.overall(fraction);
    }
  }

  @Override
  public synchronized void update(String s, long done, long total) {
    if (listener != null) {
      listener.update(s, done, total);
    }
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
