package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run NETLIST} started before its command line is parsed: the command takes the run-ahead's results only
 * when they are its own, and prints and writes exactly what it would without it.
 */
class RunAheadTest {
  @TempDir Path dir;

  /** A pulse into an RC with a small maximum step: ~5,000 accepted points, many blocks of recorded rows. */
  private Path rc() throws Exception {
    Path net = dir.resolve("rc.cir");
    Files.writeString(net, "rc\nv1 in 0 pulse(0 1 0 1u 1u 1m 2m)\nr1 in out 1k\nc1 out 0 1u\n.tran 1u 3m 0 1u\n"
        + ".meas tran tr when v(out)=0.5 rise=1\n.end\n");
    return net;
  }

  /** Runs {@code args} with {@code ahead} (may be null) as the command's run-ahead; stdout, stderr and exit code. */
  private static CliHarness.Result run(RunAhead ahead, String... args) {
    CommandLine cl = Main.commandLine(args, null, ahead);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CliHarness.Result(code, out.toString(), err.toString(), "");
  }

  /** Lines of a summary without the wall time (which differs from run to run) and the output directory. */
  private List<String> summary(CliHarness.Result r) {
    List<String> lines = new ArrayList<>();
    for (String l : r.out().split("\n")) {
      if (!l.contains("wall_s")) {
        lines.add(l.replaceAll(java.util.regex.Pattern.quote(dir.toString()) + "/[^/]+/", "OUT/"));
      }
    }
    return lines;
  }

  /** Every file of a directory with its bytes, by name. */
  private static void assertSameFiles(Path a, Path b) throws Exception {
    try (var s = Files.list(a)) {
      List<Path> files = s.sorted().toList();
      try (var t = Files.list(b)) {
        assertThat(t.map(p -> p.getFileName().toString()).sorted().toList())
            .isEqualTo(files.stream().map(p -> p.getFileName().toString()).toList());
      }
      assertThat(files).isNotEmpty();
      for (Path f : files) {
        assertThat(Files.readAllBytes(f)).as(f.getFileName().toString())
            .isEqualTo(Files.readAllBytes(b.resolve(f.getFileName())));
      }
    }
  }

  @Test
  void aPlainRunTakesTheRunAheadsResultsAndWritesTheSameFiles() throws Exception {
    String net = rc().toString();
    String[] args = {"run", net, "--no-plot", "--out", dir.resolve("a").toString()};
    RunAhead ahead = RunAhead.start(args);
    assertThat(ahead).isNotNull();
    CliHarness.Result with = run(ahead, args);
    assertThat(ahead.served()).isTrue();
    CliHarness.Result without = run(null, "run", net, "--no-plot", "--out", dir.resolve("b").toString());
    assertThat(with.code()).isEqualTo(0);
    assertThat(summary(with)).isEqualTo(summary(without));
    assertThat(with.err()).isEqualTo(without.err());
    assertSameFiles(dir.resolve("a"), dir.resolve("b"));
    // and through the command's own start (Main.started), with --json
    CliHarness.Result json = CliHarness.runAsMain("run", net, "--no-plot", "--json", "--out", dir.resolve("c").toString());
    assertThat(json.code()).isEqualTo(0);
    assertThat(json.out()).contains("\"steps_accepted\"");
    assertSameFiles(dir.resolve("c"), dir.resolve("b"));
  }

  @Test
  void optionsTheRunAheadDidNotUseAreHonoured() throws Exception {
    String net = rc().toString();
    assertThat(RunAhead.start(new String[] {"run", net, "--every", "3"})).isNull();
    assertThat(RunAhead.start(new String[] {"run", net, "--save=v(in)"})).isNull();
    assertThat(RunAhead.start(new String[] {"run", net, "--help"})).isNull();
    assertThat(RunAhead.start(new String[] {"run", "--out", "x", net})).isNull();
    assertThat(RunAhead.start(new String[] {"run", dir.resolve("missing.cir").toString()})).isNull();
    // a run-ahead whose guess was wrong (started for other arguments) is not used
    for (String[] extra : List.of(new String[] {"--every", "3"}, new String[] {"--save", "v(in)"},
        new String[] {"--at-tstep"})) {
      RunAhead ahead = RunAhead.start(new String[] {"run", net});
      List<String> a = new ArrayList<>(List.of("run", net, "--no-plot", "--out", dir.resolve("a" + extra[0]).toString()));
      List<String> b = new ArrayList<>(List.of("run", net, "--no-plot", "--out", dir.resolve("b" + extra[0]).toString()));
      a.addAll(List.of(extra));
      b.addAll(List.of(extra));
      CliHarness.Result with = run(ahead, a.toArray(String[]::new));
      CliHarness.Result without = run(null, b.toArray(String[]::new));
      assertThat(ahead.served()).isFalse();
      assertThat(with.code()).isEqualTo(0);
      assertThat(summary(with)).isEqualTo(summary(without));
      assertSameFiles(dir.resolve("a" + extra[0]), dir.resolve("b" + extra[0]));
    }
    // another netlist than the one run ahead
    Path other = dir.resolve("other.cir");
    Files.writeString(other, "other\nv1 in 0 1\nr1 in out 1k\nc1 out 0 1u\n.tran 10u 1m\n.end\n");
    RunAhead ahead = RunAhead.start(new String[] {"run", net});
    CliHarness.Result r = run(ahead, "run", other.toString(), "--no-plot", "--out", dir.resolve("o").toString());
    assertThat(r.code()).isEqualTo(0);
    assertThat(ahead.served()).isFalse();
    assertThat(Files.readAllLines(dir.resolve("o").resolve("other.tran.csv")).get(0)).isEqualTo("time,v(in),v(out),i(v1)");
  }

  @Test
  void errorsAreTheCommandsOwnAndAFailedRunWritesNothing() throws Exception {
    Path bad = dir.resolve("bad.cir");
    Files.writeString(bad, "bad\nv1 a 0 1\nj1 a 0 1k\n.op\n");
    Path relay = dir.resolve("relay.cir");
    Files.writeString(relay, "relay\nc1 a 0 1n\nb1 a 0 I=V(a) > 0 ? 1m : -1m\n.ic v(a)=1\n.tran 1u 1m uic\n.end\n");
    for (Path net : List.of(bad, relay)) {
      String[] a = {"run", net.toString(), "--out", dir.resolve("a").toString()};
      RunAhead ahead = RunAhead.start(a);
      assertThat(ahead).isNotNull();
      CliHarness.Result with = run(ahead, a);
      CliHarness.Result without = run(null, "run", net.toString(), "--out", dir.resolve("a").toString());
      assertThat(with.code()).as(net.toString()).isIn(2, 3).isEqualTo(without.code());
      assertThat(with.err()).isEqualTo(without.err());
      assertThat(!Files.exists(dir.resolve("a")) || Files.list(dir.resolve("a")).findAny().isEmpty()).isTrue();
    }
    // a usage error of the command line wins over the netlist's error, as without the run-ahead
    String[] u = {"run", bad.toString(), "--no-such-option"};
    CliHarness.Result usage = run(RunAhead.start(u), u);
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).contains("--no-such-option").doesNotContain("bad.cir:3");
  }

  @Test
  void aDeckWithAControlBlockIsCompiledAheadButRunByTheCommand() throws Exception {
    Path net = dir.resolve("c.cir");
    Files.writeString(net, "c\nv1 in 0 1\nr1 in out 1k\nc1 out 0 1u\n.control\ntran 10u 1m\n"
        + "wrdata rc.txt v(out)\n.endc\n.end\n");
    String[] a = {"run", net.toString(), "--no-plot", "--out", dir.resolve("a").toString()};
    RunAhead ahead = RunAhead.start(a);
    CliHarness.Result with = run(ahead, a);
    assertThat(with.code()).isEqualTo(0);
    assertThat(ahead.served()).isFalse();
    CliHarness.Result without = run(null, "run", net.toString(), "--no-plot", "--out", dir.resolve("b").toString());
    assertThat(summary(with)).isEqualTo(summary(without));
    assertSameFiles(dir.resolve("a"), dir.resolve("b"));
  }

  @Test
  void aSparseTransientRunsAfterTheMiniatureWithTheSameResults() throws Exception {
    StringBuilder sb = new StringBuilder("ladder\nv1 n0 0 pwl(0 0 1n 1)\n");
    for (int k = 1; k <= 80; k++) {
      sb.append("r").append(k).append(" n").append(k - 1).append(" n").append(k).append(" 1k\n");
      sb.append("c").append(k).append(" n").append(k).append(" 0 1n\n");
    }
    Path net = dir.resolve("ladder.cir");
    Files.writeString(net, sb.append(".tran 1u 200u\n.save v(n80) v(n40)\n.end\n").toString());
    assertThat(SparseWarmUp.serves(org.neuristor.netlist.CircuitCompiler.compile(net))).isTrue();
    assertThat(SparseWarmUp.serves(org.neuristor.netlist.CircuitCompiler.compile(rc()))).isFalse();
    String[] args = {"run", net.toString(), "--no-plot", "--out", dir.resolve("a").toString()};
    RunAhead ahead = RunAhead.start(args);
    CliHarness.Result with = run(ahead, args);
    assertThat(ahead.served()).isTrue();
    CliHarness.Result without = run(null, "run", net.toString(), "--no-plot", "--out", dir.resolve("b").toString());
    assertThat(with.code()).isEqualTo(0);
    assertThat(summary(with)).isEqualTo(summary(without));
    assertSameFiles(dir.resolve("a"), dir.resolve("b"));
    assertThat(Files.readAllLines(dir.resolve("a").resolve("ladder.tran.csv")).get(0)).isEqualTo("time,v(n80),v(n40)");
  }
}
