package org.neuristor.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time of this JVM's own threads, read from Linux's {@code /proc/self/task/<id>/comm} (the thread's name, cut to
 * 15 characters) and {@code schedstat} (its first field: nanoseconds on a CPU so far). Elsewhere there are no such
 * files and {@link #threads} finds nothing.
 */
public final class ThreadCpu {
  private ThreadCpu() {}

  /** Whether a thread name is one of HotSpot's JIT compiler threads ("C1 CompilerThread0", "C2 CompilerThre..."). */
  public static boolean compiler(String comm) {
    return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
  }

  /**
   * The schedstat files of this JVM's threads whose name passes {@code which}, by thread id; empty where
   * {@code /proc/self/task} cannot be read. A thread that ends while being listed is left out.
   */
  public static Map<String, Path> threads(Predicate<String> which) {
    Map<String, Path> out = new LinkedHashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path t : tasks) {
        try {
          if (which.test(Files.readString(t.resolve("comm"), StandardCharsets.UTF_8).trim())) {
            out.put(t.getFileName().toString(), t.resolve("schedstat"));
          }
        } catch (IOException e) {
          // a thread that has ended
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return out;
  }

  /** A thread's CPU time so far in ns from its schedstat file; -1 if it has ended or the file is not as expected. */
  public static long nanos(Path schedstat) {
    try {
      String s = Files.readString(schedstat, StandardCharsets.UTF_8);
      return Long.parseLong(s.substring(0, s.indexOf(' ')));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
