package org.neuristor.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadCpuTest {
  @Test
  void compilerThreadsAreHotSpotsC1AndC2NamesAsLinuxCutsThem() {
    assertThat(ThreadCpu.compiler("C1 CompilerThre")).isTrue();
    assertThat(ThreadCpu.compiler("C2 CompilerThre")).isTrue();
    assertThat(ThreadCpu.compiler("GC Thread#0")).isFalse();
    assertThat(ThreadCpu.compiler("main")).isFalse();
  }

  @Test
  void nanosIsTheFirstFieldOfSchedstatAndMinusOneWhenUnreadable(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("schedstat");
    Files.writeString(f, "123456789 42 7\n");
    assertThat(ThreadCpu.nanos(f)).isEqualTo(123_456_789L);
    Files.writeString(f, "not a schedstat");
    assertThat(ThreadCpu.nanos(f)).isEqualTo(-1);
    assertThat(ThreadCpu.nanos(dir.resolve("gone"))).isEqualTo(-1);
  }

  @Test
  void onLinuxItFindsThisThreadByNameAndItsCpuTimeGrows() throws Exception {
    if (!Files.isDirectory(Path.of("/proc/self/task"))) {
      assertThat(ThreadCpu.threads(c -> true)).isEmpty();
      return;
    }
    String name = "threadcpu-test";
    long[] seen = new long[2];
    Thread t = new Thread(() -> {
      Map<String, Path> me = ThreadCpu.threads(name::equals);
      seen[0] = me.size();
      Path p = me.values().iterator().next();
      long a = ThreadCpu.nanos(p);
      double x = 0;
      for (int i = 0; i < 20_000_000; i++) {
        x += Math.sqrt(i);
      }
      seen[1] = ThreadCpu.nanos(p) > a && x > 0 ? 1 : 0;
    }, name);
    t.start();
    t.join();
    assertThat(seen[0]).as("threads named %s", name).isEqualTo(1);
    assertThat(seen[1]).as("its CPU time grew while it computed").isEqualTo(1);
  }
}
