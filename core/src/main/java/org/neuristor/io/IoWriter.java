package org.neuristor.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Produces the content of a file on a stream; used by {@link AtomicFiles#write(java.nio.file.Path,
 * IoWriter)}, which owns (and closes) the stream.
 */
@FunctionalInterface
public interface IoWriter {
  /** Writes the whole content to {@code out}. Must not close {@code out}. */
  void write(OutputStream out) throws IOException;
}
