package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;
import picocli.CommandLine;

/** The run command as a user runs it: files written, JSON summary, exit codes for bad input. */
class RunCommandTest {
  @TempDir Path dir;

  static CliHarness.Result run(String... args) {
    return CliHarness.run(args);
  }

  @Test
  void runsANetlistAndWritesCsvPlotAndJson() throws Exception {
    Path net = dir.resolve("rc.cir");
    Files.writeString(net, "rc\nv1 in 0 pulse(0 1 0 1n 1n 1m 2m)\nr1 in out 1k\nc1 out 0 1u\n.tran 10u 2m\n.end\n");
    Path out = dir.resolve("out");
    CliHarness.Result r = run("run", net.toString(), "--out", out.toString(), "--json");
    assertThat(r.code()).isEqualTo(0);
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("analyses").get(0).get("steps_accepted").asLong()).isPositive();
    Path csv = out.resolve("rc.tran.csv");
    assertThat(Files.readAllLines(csv).get(0)).isEqualTo("time,v(in),v(out),i(v1)");
    assertThat(out.resolve("rc.tran.png")).exists();
  }

  /** Issue 18: .meas results in the summary, in --json and in NAME.meas.csv; a failed one is null with a reason. */
  @Test
  void measurementsGoToSummaryJsonAndCsv() throws Exception {
    Path net = dir.resolve("m.cir");
    Files.writeString(net, "m\nv1 in 0 pulse(0 1 0 1n 1n 1m 2m)\nr1 in out 1k\nc1 out 0 1u\n.tran 10u 2m\n"
        + ".meas tran tr when v(out)=0.5 rise=1\n.meas tran never when v(out)=5\n.end\n");
    Path out = dir.resolve("out");
    CliHarness.Result r = run("run", net.toString(), "--out", out.toString(), "--json", "--no-plot");
    assertThat(r.code()).isEqualTo(0);
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("measurements").get("tr").asDouble()).isCloseTo(1e-3 * Math.log(2), org.assertj.core.data.Offset.offset(2e-6));
    assertThat(j.get("measurements").get("never").isNull()).isTrue();
    assertThat(j.get("measurement_failures").get("never").asText()).contains("never happens");
    assertThat(Files.readAllLines(out.resolve("m.meas.csv")).get(0)).startsWith("name,analysis,value");
  }

  /** Issue 18: a deck whose analysis exists only in .control runs and writes what the block asks for. */
  @Test
  void controlOnlyDeckWritesItsFiles() throws Exception {
    Path net = dir.resolve("c.cir");
    Files.writeString(net, "c\nv1 in 0 1\nr1 in out 1k\nc1 out 0 1u\n.control\ntran 10u 1m\n"
        + "meas tran v1m find v(out) at=1m\nwrdata rc.txt v(out)\necho done $&v1m\n.endc\n.end\n");
    Path out = dir.resolve("out");
    CliHarness.Result r = run("run", net.toString(), "--out", out.toString(), "--no-plot");
    assertThat(r.code()).isEqualTo(0);
    assertThat(out.resolve("rc.txt")).exists();
    assertThat(out.resolve("c.tran.csv")).exists();
    // $&v1m is substituted as ngspice does (C's %G): ngspice-39 prints "done 1" for this block (until round 20: the
    // print format, "done 1.000000e+00")
    assertThat(r.out().lines()).contains("done 1");
  }

  @Test
  void missingFilesAreNamedWithTheReason() throws Exception {
    // the JDK's message of a missing file is its path alone: "cannot read netlist x.cir: x.cir" said nothing
    Path missing = dir.resolve("nothere.cir");
    CliHarness.Result r = run("run", missing.toString(), "--out", dir.resolve("o").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: cannot read netlist " + missing + ": no such file");
    r = run("run", dir.toString(), "--out", dir.resolve("o").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: cannot read netlist " + dir + ": is a directory");
    r = run("neuron", "run", "lif", "--device", missing.toString(), "--out", dir.resolve("o").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: --device: cannot read " + missing + ": no such file");
    r = run("sweep", dir.resolve("nothere.yaml").toString(), "--out", dir.resolve("o").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("cannot read sweep spec " + dir.resolve("nothere.yaml") + ": no such file");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void badNetlistExitsTwoWithPosition() throws Exception {
    Path net = dir.resolve("bad.cir");
    Files.writeString(net, "bad\nv1 a 0 1\nj1 a 0 1k\n.op\n"); // q is a BJT since issue 18; j (JFET) is not supported
    CliHarness.Result r = run("run", net.toString(), "--out", dir.resolve("o").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bad.cir:3:1:").doesNotContain("Exception");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void nonConvergenceExitsThreeWithoutPartialFiles() throws Exception {
    Path net = dir.resolve("relay.cir");
    Files.writeString(net, "relay\nc1 a 0 1n\nb1 a 0 I=V(a) > 0 ? 1m : -1m\n.ic v(a)=1\n.tran 1u 1m uic\n.end\n");
    Path out = dir.resolve("o");
    CliHarness.Result r = run("run", net.toString(), "--out", out.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("time").contains("v(a)").doesNotContain("NaN");
    assertThat(!Files.exists(out) || Files.list(out).findAny().isEmpty()).isTrue();
    assertThat(out).as("the --out folder the failed run made").doesNotExist(); // round 21: it was left, empty
  }

  @Test
  void everyCommandHasHelpWithAnExample() {
    CommandLine cl = Main.commandLine();
    for (String name : cl.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      String usage = cl.getSubcommands().get(name).getUsageMessage();
      assertThat(usage).as(name).containsIgnoringCase("example");
    }
  }
}
