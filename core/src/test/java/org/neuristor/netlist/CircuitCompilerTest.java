package org.neuristor.netlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuristor.NetlistException;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;

class CircuitCompilerTest {

  @Test
  void rcNetlistMatchesClosedForm() {
    String net = """
        RC step response
        * a comment
        .param r=1k c={1u}  tau={r*c}
        v1 in 0 pwl(0 0 1p 1)
        r1 in out {r} ; inline comment
        c1 out 0 // ngspice's C++-style comment (refused as "unexpected '//'" before)
        + {c}
        .tran {tau/100} {10*tau}
        .save v(out)
        .end
        """;
    CircuitCompiler.Compiled c = CircuitCompiler.compile(net, "rc.cir");
    assertThat(c.analyses()).singleElement().isInstanceOf(Analysis.Tran.class);
    assertThat(c.saves()).containsExactly("v(out)");
    Analysis.Outcome o = Simulation.run(c.circuit(), c.analyses().get(0), c.saves(), null);
    double[] t = o.trace().axis();
    double[] v = o.trace().get("v(out)");
    double worst = 0;
    for (int i = 0; i < t.length; i++) {
      if (t[i] > 2e-12) {
        worst = Math.max(worst, Math.abs(v[i] - (1 - Math.exp(-(t[i] - 0.5e-12) / 1e-3))));
      }
    }
    assertThat(worst).isLessThan(1e-4);
  }

  @Test
  void sourcesParseWithNgspiceDefaults() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile("""
        sources
        v1 a 0 PULSE(0 5 1u 1n 1n 2u 5u)
        v2 b 0 dc 1.5 ac 1
        v3 c 0 sin(0 1 1k)
        v4 d 0 exp(0 1 1u 1u)
        v5 e 0 3
        r1 a 0 1k
        r2 b 0 1k
        r3 c 0 1k
        r4 d 0 1k
        r5 e 0 1k
        .op
        """, "s.cir");
    assertThat(((VoltageSource) c.circuit().element("v1")).waveform())
        .isEqualTo(new Waveform.Pulse(0, 5, 1e-6, 1e-9, 1e-9, 2e-6, 5e-6, 0));
    assertThat(((VoltageSource) c.circuit().element("v2")).waveform()).isEqualTo(new Waveform.Dc(1.5));
    assertThat(((VoltageSource) c.circuit().element("v5")).waveform()).isEqualTo(new Waveform.Dc(3));
  }

  @Test
  void subcircuitsFlattenWithParameters() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile("""
        divider
        .subckt div top bot mid params: ra=1k rb=1k
        r1 top mid {ra}
        r2 mid bot {rb}
        .ends
        v1 in 0 9
        x1 in 0 m div rb=2k
        .op
        """, "d.cir");
    assertThat(c.circuit().elements()).extracting(e -> e.name()).contains("r.x1.r1", "r.x1.r2");
    Analysis.Outcome o = Simulation.run(c.circuit(), c.analyses().get(0), List.of("v(m)"), null);
    assertThat(o.trace().get("v(m)")[0]).isCloseTo(6.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void includesResolveRelativeToTheFile() throws Exception {
    Path f = Path.of(getClass().getResource("/org/neuristor/netlist/main.cir").toURI());
    CircuitCompiler.Compiled c = CircuitCompiler.compile(f);
    assertThat(c.circuit().elements()).extracting(e -> e.name()).contains("rinc");
  }

  /** Issue 18: .control blocks run (they used to be skipped); plotting commands are skipped with one warning each. */
  @Test
  void savedOnlyRecordsTheSavedSignalsUnlessAMeasurementOrControlBlockMayReadOthers() {
    String rc = "rc\nv1 in 0 pulse(0 1 0 1u 1u 1m 2m)\nr1 in out 1k\nc1 out 0 1u\n.tran 10u 1m\n.save v(out)\n";
    java.util.function.BiFunction<String, Boolean, List<String>> vectors = (text, savedOnly) -> {
      DeckRunner.Result r = DeckRunner.run(CircuitCompiler.compile(text, "rc.cir"),
          new DeckRunner.Options(Path.of(""), List.of(), false, 1, false, new DeckRunner.Listener() {}, savedOnly));
      return r.plots().get(0).vectors().stream().map(org.neuristor.netlist.control.Vec::name).toList();
    };
    assertThat(vectors.apply(rc + ".end\n", true)).containsExactly("time", "v(out)");
    assertThat(vectors.apply(rc + ".end\n", false)).contains("v(in)", "i(v1)", "v(out)");
    assertThat(vectors.apply(rc + ".meas tran m max v(in)\n.end\n", true)).contains("v(in)", "v(out)");
    // the saved column holds the same values either way
    DeckRunner.Result all = DeckRunner.run(CircuitCompiler.compile(rc + ".end\n", "rc.cir"), DeckRunner.Options.defaults());
    DeckRunner.Result saved = DeckRunner.run(CircuitCompiler.compile(rc + ".end\n", "rc.cir"),
        new DeckRunner.Options(Path.of(""), List.of(), false, 1, false, new DeckRunner.Listener() {}, true));
    assertThat(saved.runs().get(0).outcome().trace().get("v(out)"))
        .isEqualTo(all.runs().get(0).outcome().trace().get("v(out)"));
  }

  @Test
  void controlBlockRunsAndSkipsPlottingWithOneWarning() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile("""
        ctl
        v1 a 0 1
        r1 a 0 1k
        .op
        .control
        run
        plot v(a)
        plot i(v1)
        .endc
        .control
        print all
        .endc
        """, "c.cir");
    assertThat(c.control()).extracting(ControlLine::text).containsExactly("run", "plot v(a)", "plot i(v1)", "print all");
    DeckRunner.Result r = DeckRunner.run(c, DeckRunner.Options.defaults());
    assertThat(r.runs()).hasSize(1);
    assertThat(r.warnings()).filteredOn(w -> w.contains("plot skipped")).hasSize(1).first().asString()
        .startsWith("c.cir:7: ");
    assertThat(r.output()).contains("v(a) = 1.000000e+00", "i(v1) = -1.000000e-03");
  }

  @Test
  void behaviouralSourceBuildsFromExpression() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile("""
        b source
        v1 a 0 2
        r1 a b 1k
        b1 b 0 I = 1m * tanh(V(b) / 0.5) + 0*time
        .op
        """, "b.cir");
    double vb = Simulation.run(c.circuit(), c.analyses().get(0), List.of("v(b)"), null).trace().get("v(b)")[0];
    // KCL: (2 - vb)/1k = 1m tanh(vb/0.5)
    assertThat((2 - vb) / 1e3).isCloseTo(1e-3 * Math.tanh(vb / 0.5), org.assertj.core.data.Offset.offset(1e-9));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "t\\nj1 a 0 1k\\n.op|2|1|unknown element type", // q (BJT) is supported since issue 18
      "t\\nr1 a\\n.op|2|4|r1 needs 2 nodes and a resistance",
      "t\\nv1 a 0 1\\nr1 a 0 1x2\\n.op|3|8|bad value '1x2'",
      "t\\nv1 a 0 1\\nd1 a 0 nomodel\\n.op|3|8|unknown model 'nomodel'",
      "t\\n.subckt foo a b\\nr1 a b 1k\\n.op|2|1|unclosed .subckt",
      "t\\n.param a={b+1} b={a*2}\\nv1 x 0 {a}\\nr1 x 0 1k\\n.op|2|10|circular .param",
      "t\\nv1 a 0 1\\nx1 a 0 nosuch\\n.op|3|8|unknown subcircuit",
      "t\\nv1 a 0 1\\nr1 a 0 1k\\n.ends|4|1|.ends without",
      "t\\nv1 a 0 1\\nr1 a 0 1k\\nr1 a 0 2k\\n.op|4|1|duplicate element name r1",
      "t\\nv1 a 0 1\\nr1 a 0 1k\\n.bogus|4|1|unknown control line",
      "t\\n.param r=1\\nv1 a 0 {r}\\nr1 a 0 1k\\n.step param r list 1 2\\n.op|5|1|LTspice's .step; ngspice-39 refuses it too",
      "t\\nv1 a 0 1\\nb1 a 0 I=V(a)*(2\\n.op|3|16|missing ')'",
      // C and L accept ic= since issue 18 (used with uic); a resistor has none
      "t\\nv1 a 0 1\\nr1 a 0 1k ic=1\\n.op|3|1|a resistor has no ic",
  })
  void errorsNameFileLineAndColumn(String text, int line, int col, String message) {
    assertThatThrownBy(() -> CircuitCompiler.compile(text.replace("\\n", "\n"), "bad.cir"))
        .isInstanceOfSatisfying(NetlistException.class, e -> {
          assertThat(e.file()).isEqualTo("bad.cir");
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.column()).isEqualTo(col);
          assertThat(e.getMessage()).contains(message).startsWith("bad.cir:" + line + ":" + col + ": ");
        });
  }

  @Test
  void floatingNodeErrorNamesTheNode() {
    assertThatThrownBy(() -> CircuitCompiler.compile("t\nv1 a 0 1\nr1 a 0 1k\nr2 b c 1k\n.op\n", "f.cir"))
        .hasMessageContaining("floating").hasMessageContaining("b");
  }

  /** Issue 17/18: errors found after expansion still name file:line:col. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "t\\nv1 a 0 1\\nr1 a 0 1k\\nr2 b c 1k\\n.op|4|4|floating nodes b, c",
      "t\\nv1 a 0 1\\nr1 a 0 0\\n.op|3|1|resistance must be finite and non-zero",
      "t\\nv1 a 0 1\\nr1 a 0 1k\\nb1 c 0 v=2*V(zz)\\nr2 c 0 1k\\n.op|4|14|V(zz): no node zz",
      // I(r1) reads a series probe since round 18 (as ngspice-39: WildNetlistsTest); a diode's current does not
      "t\\nv1 a 0 1\\nd1 a 0 dm\\n.model dm d\\nb1 c 0 v=2*I(d1)\\nr2 c 0 1k\\n.op|5|14|d1 is none",
      "t\\nv1 a 0 1\\nr1 a 0 1k\\n.ic v(q)=1\\n.tran 1u 10u|4|7|.ic names node q",
      "t\\n.lib nosuch.lib fast\\nv1 a 0 1\\nr1 a 0 1k\\n.op|2|1|cannot read included file nosuch.lib",
      "t\\n.param a=1\\n.if (a == 1)\\nv1 a 0 1\\n.op|3|1|.if without .endif",
      "t\\n.param sel=1\\n.if (sel == 1)\\n.param r=1k\\n.else\\n.param r=1.5k\\n.endif\\nv1 a 0 1\\nr1 a 0 {r}\\n.op|4|1|.param inside .if/.else is not supported",
      "t\\nv1 a 0 1\\nr1 a 0 1k\\ne1 o 0 table v(a) 0 0 1 1\\nr2 o 0 1k\\n.op|4|8|TABLE needs {expression} = (x0, y0)",
      "t\\nv1 a 0 1\\nr1 a 0 1k\\ne1 o 0 table {v(a)} = (0, 0) (1, 1) (1, 2)\\nr2 o 0 1k\\n.op|4|38|TABLE x values must increase",
      // the element that names the missing current source is the one reported (before: no file, line or column)
      "t\\nv1 a 0 1\\nr1 a b 1k\\nvx b 0 0\\nf1 0 c nosuch 2\\nr2 c 0 1k\\n.op|5|1|f1: element nosuch is not a voltage source",
      "t\\nv1 a 0 1\\nr1 a 0 1k\\nw1 a b r1 wm\\nr2 b 0 1k\\n.model wm csw it=1m\\n.op|4|1|w1: element r1 is not a voltage source",
  })
  void errorsAfterExpansionNameFileLineAndColumn(String text, int line, int col, String message) {
    errorsNameFileLineAndColumn(text, line, col, message);
  }

  /** Issue 17: a directive that is not run is warned about once, with the file and line of its first use. */
  @Test
  void unsupportedDirectivesWarnOncePerDirective() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile("""
        w
        v1 a 0 1
        r1 a 0 1k
        .four 1k v(a)
        .noise v(a) v1 dec 10 1 1k
        .four 2k v(a)
        .options foo=1 reltol=1e-4 foo=2
        .op
        """, "w.cir");
    assertThat(c.warnings()).filteredOn(w -> w.contains(".four")).singleElement().asString()
        .startsWith("w.cir:4: .four ignored").contains("1 more .four line");
    assertThat(c.warnings()).filteredOn(w -> w.contains(".noise")).hasSize(1);
    assertThat(c.warnings()).filteredOn(w -> w.contains("option foo")).singleElement().asString().startsWith("w.cir:7:");
  }

  /** Issue 17: a Latin-1 byte in a comment no longer stops the file ("Input length = 1"). */
  @Test
  void latin1FilesAreRead() throws Exception {
    Path f = java.nio.file.Files.createTempFile("latin1", ".cir");
    try {
      java.nio.file.Files.write(f, "caf\u00e9\n* r\u00e9sistance\nv1 a 0 1\nr1 a 0 2\u00b5\n.op\n"
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      CircuitCompiler.Compiled c = CircuitCompiler.compile(f);
      assertThat(((org.neuristor.circuit.element.Resistor) c.circuit().element("r1")).ohms()).isEqualTo(2e-6);
    } finally {
      java.nio.file.Files.delete(f);
    }
  }

  /** Issue 17: .save of a node that does not exist is a warning with its position, the run goes on. */
  @Test
  void savingAMissingNodeWarnsWithItsPosition() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile("s\nv1 a 0 1\nr1 a 0 1k\n.save v(a) v(zz)\n.op\n", "s.cir");
    assertThat(c.saves()).containsExactly("v(a)");
    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).startsWith("s.cir:4:12: v(zz) not saved"));
  }

  /** A node with one connection is warned about at the element that connects it, once, in and out of a subcircuit. */
  @Test
  void aNodeWithOneConnectionIsWarnedAboutAtItsElement() {
    String text = "t\nv1 a 0 1\nr1 a b 1k\n.subckt s p\nr9 p q 1k\n.ends\nx1 a s\nr2 a 0 1k\n.tran 1n 10n\n";
    CircuitCompiler.Compiled c = CircuitCompiler.compile(text, "one.cir");
    assertThat(c.warnings()).filteredOn(w -> w.contains("only one connection"))
        .containsExactly("one.cir:3:6: node b has only one connection", "one.cir:5:6: node x1.q has only one connection");
    // the analysis repeats the circuit's checks: the run reports each warning once, located
    DeckRunner.Result r = DeckRunner.run(c, DeckRunner.Options.defaults());
    assertThat(r.warnings()).noneMatch(w -> w.contains("only one connection"));
  }

  /**
   * Public-deck corpus (ngspice examples): .csparam is a constant the .control block reads (not a circuit
   * parameter, as ngspice-39: WildNetlistsTest); a deck without elements is an error at its file.
   */
  @Test
  void csparamIsAControlConstantAndAnEmptyDeckIsLocated() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile("t\n.csparam a=2\nv1 x 0 1\nr1 x 0 1k\n.op\n", "p.cir");
    assertThat(c.params().apply("a")).isEqualTo(2.0);
    assertThatThrownBy(() -> CircuitCompiler.compile("t\n.control\necho hi\n.endc\n", "e.cir"))
        .hasMessageStartingWith("e.cir:1:1: the netlist has no elements");
  }

  /** Public-deck corpus: a $ between blanks starts a comment in a .control line, $name stays a variable. */
  @Test
  void controlLinesLoseTheirInlineComments() {
    assertThat(NetlistReader.controlComment("setplot $scratch         $ make 'scratch' the active plot"))
        .isEqualTo("setplot $scratch");
    assertThat(NetlistReader.controlComment("echo $&x")).isEqualTo("echo $&x");
  }

  /** Public-deck corpus: another model level is named as such; a card of a type not simulated does not stop a deck that does not use it. */
  @Test
  void otherLevelsAreNamedAndUnusedForeignModelsAreSkipped() {
    assertThatThrownBy(() -> CircuitCompiler.compile(
        "t\nv1 c 0 1\nv2 b 0 0.7\nq1 c b 0 qv\n.model qv npn level=9 delck=2\n.op\n", "q.cir"))
        .hasMessageContaining("level 9 is not supported (only level 1)");
    assertThatThrownBy(() -> CircuitCompiler.compile(
        "t\nvg g 0 1\nm1 d g 0 0 n1 w=1u l=0.18u\n.model n1 nmos level=8 tox=4e-9\n.op\n", "m.cir"))
        .hasMessageContaining("mos model level 8 is not supported (only level 1)");
    assertThatThrownBy(() -> CircuitCompiler.compile(
        "t\nv1 c 0 1\nv2 b 0 0.7\nq1 c b 0 0 dt qg\n.model qg npn bf=100\n.op\n", "q.cir"))
        .hasMessageStartingWith("q.cir:4:12: q1 has 1 more terminal before its model qg");
    CircuitCompiler.Compiled c = CircuitCompiler.compile(
        "t\nv1 a 0 1\nr1 a 0 1k\n.model pline cpl\n+r=0.03 0\n+ 0.03\n.op\n", "m.cir");
    assertThat(c.unknowns()).isEqualTo(2);
  }
}
