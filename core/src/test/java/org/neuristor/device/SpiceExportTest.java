package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.neuristor.NeuristorException;
import org.neuristor.measure.SpikeDetector;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Simulation;
import org.neuristor.netlist.CircuitCompiler;

/**
 * The ngspice export of every exportable device type and preset, run in ngspice-39 (references and
 * the script that makes them in {@code resources/ngspice/export}), against the native model on the
 * same drivers: quasi-static V_th and V_hold within 1%, switching delay of a step within 2% (issue 11).
 * Both are extracted the same way: the device conductance |i|/|v| crossing the midpoint between its
 * smallest and largest value (the switch half on), linearly interpolated between samples.
 */
class SpiceExportTest {
  static final String DIR = "/ngspice/export/";

  static String resource(String name) {
    try (InputStream in = SpiceExportTest.class.getResourceAsStream(DIR + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The columns of an ngspice CSV (time, v(a), i(vs), then the device states if saved). */
  static double[][] csv(String name) {
    List<String> lines = resource(name).lines().skip(1).toList();
    int cols = lines.get(0).split(",").length;
    double[][] out = new double[cols][lines.size()];
    for (int k = 0; k < lines.size(); k++) {
      String[] f = lines.get(k).split(",");
      for (int c = 0; c < cols; c++) {
        out[c][k] = Double.parseDouble(f[c]);
      }
    }
    return out;
  }

  /** A case: the model type, its .model values (preset and parameters) and the states saved by a train driver. */
  record Case(String type, String values, List<String> states) {}

  /** The case of the shipped card file (examples/models/vo2-galloni2024.model) and the example it drives. */
  static final String SHIPPED = "vo2fit_shipped";
  static final java.nio.file.Path SHIPPED_CARD = java.nio.file.Path.of("..", "examples", "models", "vo2-galloni2024.model");
  static final java.nio.file.Path SHIPPED_LIF = java.nio.file.Path.of("..", "examples", "lif-vo2fit.cir");

  static final Map<String, Case> CASES = Map.ofEntries(
      Map.entry("ts_nbox", new Case("ts", "preset=nbox", List.of())),
      Map.entry("ts_vo2", new Case("ts", "preset=vo2", List.of())),
      Map.entry("ts_ag", new Case("ts", "preset=ag", List.of())),
      Map.entry("ts_ots", new Case("ts", "preset=ots", List.of())),
      Map.entry("ts_pickett", new Case("ts", "preset=pickett", List.of())),
      Map.entry("ts_yi", new Case("ts", "preset=yi", List.of())),
      Map.entry("diffusive_ag_sioxny", new Case("diffusive", "preset=ag-sioxny", List.of())),
      Map.entry("diffusive_ag_siox_fast", new Case("diffusive", "preset=ag-siox-fast", List.of())),
      Map.entry("ots_gese", new Case("ots", "preset=gese", List.of())),
      Map.entry("ots_gete", new Case("ots", "preset=gete", List.of())),
      Map.entry("mott_nbo2", new Case("mott", "preset=nbo2", List.of())),
      Map.entry("mott_vo2", new Case("mott", "preset=vo2", List.of())),
      Map.entry("vo2_zhang2024", new Case("vo2", "preset=zhang2024", List.of())),
      Map.entry("vo2_extended", new Case("vo2", "alpha=0.005 rscale=1.5 tscale=0.8 tmin=300 tmax=380", List.of())),
      Map.entry("vo2_ladder", new Case("vo2", "cth2=2e-10 sth2=1e-4 cth3=1e-9 sth3=5e-5 rs=200 alpha=0.005", List.of())),
      // the card fitted to the Galloni 2024 measurements (examples/models/vo2-galloni2024.model as fitted): 8 domains
      Map.entry("vo2_galloni2024", new Case("vo2", "w=4.207105683 tc=350.5967842 beta=0.1171881591 r0=1.346811856e-05 "
          + "ea=6070.852138 gamma=1.541130099 rm=127.6951339 cth=3.255393257e-06 sth=0.01165033632 tmin=200 tmax=1000 "
          + "alpha=-0.002181655194 rs=0.8219588647 cth2=8.739413401e-05 sth2=0.02075090573 cth3=0.0003625748041 "
          + "sth3=0.008452520645 domains=8 tcspread=1.693205108", List.of())),
      Map.entry("proton2_huang2019", new Case("proton2", "preset=huang2019", List.of("w", "c"))),
      Map.entry("proton2_feedback", new Case("proton2", "gmin=0.2u gmax=12.3u v0=0.158 kc=220 kw=32.8 tauc=0.304m "
          + "tauw=42.8u kfb=20 kcons=0.709", List.of("w", "c"))),
      Map.entry("synapse_memtorch", new Case("synapse", "preset=memtorch", List.of("w"))),
      Map.entry("pcm_tuma2016", new Case("pcm", "preset=tuma2016 sigr=0 sigg=0", List.of("p", "s"))),
      // the shipped card as its file holds it today (not a copy of its values): refitting it fails the tests below
      // until regenerate.py vo2fit_shipped has been run
      Map.entry(SHIPPED, new Case("vo2", shippedValues(), List.of())));

  /** The shipped card's values as {@code k=v ...} (its file, read with the one model-card reader). */
  static String shippedValues() {
    StringBuilder sb = new StringBuilder();
    org.neuristor.fit.ModelCard.read(SHIPPED_CARD).params().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ")
        .append(k).append('=').append(v));
    return sb.toString();
  }

  /** Text without its comment lines (the shipped card's export names the card file in its first comment). */
  static String uncommented(String text) {
    return text.replaceAll("(?m)^\\*.*\\n", "");
  }

  /**
   * The native model on the driver: the subcircuit instance replaced by the device with the case's
   * values. Its stochastic delay is off (sdelay=0, a per-cycle random factor of mean 1 that a B source
   * cannot draw; the export says so in a comment), so both run the same deterministic equations.
   * Columns: time, v(a), i(vs), then the case's states.
   */
  static double[][] native_(String driver, Case c) {
    List<String> saved = new ArrayList<>(List.of("v(a)", "i(vs)"));
    c.states().forEach(st -> saved.add("n1." + st));
    return run(nativeText(driver, c), driver, saved);
  }

  /** The deck {@code text} run in Neuristor: columns time, then the {@code saved} vectors. */
  static double[][] run(String text, String name, List<String> saved) {
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(text, name);
    Trace t = Simulation.run(cc.circuit(), cc.analyses().get(0), saved, null).trace();
    double[][] out = new double[1 + saved.size()][];
    out[0] = t.axis();
    for (int k = 0; k < saved.size(); k++) {
      out[k + 1] = t.get(saved.get(k));
    }
    return out;
  }

  /** The driver with its subcircuit instance {@code x1 A B dut} replaced by the native device {@code n1 A B dutm}. */
  static String nativeText(String driver, Case c) {
    String extra = DeviceRegistry.type(c.type()).parameter("sdelay") != null ? " sdelay=0" : "";
    return resource(driver).replaceAll("(?m)^\\.include .*\\n", "")
        .replaceAll("(?m)^x1 (\\S+) (\\S+) (dut|vo2fit)$", "n1 $1 $2 dutm\n.model dutm " + c.type() + " (" + c.values() + extra + ")");
  }

  /** The committed subcircuit is what the exporter writes today for the case's values. */
  static void assertExportIsCommitted(String name, Case c) {
    if (name.equals(SHIPPED)) {
      // device export of the card file, as docs/fitting.md does it: X1 a b vo2fit
      assertThat(uncommented(SpiceExport.subcircuit("vo2fit", "vo2", org.neuristor.fit.ModelCard.read(SHIPPED_CARD).params(),
          List.of()))).as("the export of " + SHIPPED_CARD + " (refitted? run regenerate.py vo2fit_shipped)")
          .isEqualTo(uncommented(resource(SHIPPED + ".sub")));
      return;
    }
    assertThat(export(name, ExportFormat.NGSPICE)).isEqualTo(resource(name + ".sub"));
  }

  /** The case's device in {@code format} as {@code device export} writes it (named dut, its first comment the label). */
  static String export(String name, ExportFormat format) {
    Case c = CASES.get(name);
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    for (String kv : c.values().split("\\s+")) {
      String[] f = kv.split("=");
      values.put(f[0], f[1]);
    }
    String label = values.containsKey("preset") ? c.type() + ":" + values.get("preset") : c.type();
    return SpiceExport.export("dut", c.type(), values,
        List.of("Neuristor device " + label + " as " + format.what() + " (device export)"), format);
  }

  /** Conductance |i|/|v| where |v| > 1 mV (else NaN). */
  static double[] conductance(double[][] tr) {
    double[] g = new double[tr[0].length];
    for (int k = 0; k < g.length; k++) {
      g[k] = Math.abs(tr[1][k]) > 1e-3 ? Math.abs(tr[2][k] / tr[1][k]) : Double.NaN;
    }
    return g;
  }

  static double mid(double[] g) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (double x : g) {
      if (!Double.isNaN(x)) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    return 0.5 * (lo + hi);
  }

  /**
   * Values of column {@code col} (0 time, 1 voltage) where g crosses m upwards (first) and then downwards
   * (first after it), interpolated; NaN when it does not.
   */
  static double[] crossings(double[][] tr, double[] g, double m, int col) {
    double up = Double.NaN;
    double down = Double.NaN;
    for (int k = 1; k < g.length; k++) {
      if (Double.isNaN(g[k - 1]) || Double.isNaN(g[k])) {
        continue;
      }
      double f = (m - g[k - 1]) / (g[k] - g[k - 1]);
      if (Double.isNaN(up) && g[k - 1] < m && g[k] >= m) {
        up = tr[col][k - 1] + f * (tr[col][k] - tr[col][k - 1]);
      } else if (!Double.isNaN(up) && g[k - 1] >= m && g[k] < m) {
        down = tr[col][k - 1] + f * (tr[col][k] - tr[col][k - 1]);
        break;
      }
    }
    return new double[] {up, down};
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts_nbox", "ts_vo2", "ts_ag", "ts_ots", "ts_pickett", "ts_yi", "diffusive_ag_sioxny",
      "diffusive_ag_siox_fast", "ots_gese", "ots_gete", "mott_nbo2", "mott_vo2", "vo2_zhang2024", "vo2_extended", "vo2_ladder",
      "vo2_galloni2024", SHIPPED})
  void exportedSwitchInNgspiceMatchesTheNativeModel(String name) {
    Case c = CASES.get(name);
    assertExportIsCommitted(name, c);
    assertSwitchMatches(name, csv(name + "_iv.csv"), native_(name + "_iv.cir", c), csv(name + "_pulse.csv"),
        native_(name + "_pulse.cir", c));
  }

  /**
   * A switch on the two drivers, reference (ngspice) against candidate (columns time, v(a), i(vs)): V_th and V_hold of
   * the quasi-static I-V within 1%, the delay of the step within 2%.
   */
  static void assertSwitchMatches(String name, double[][] ng, double[][] nat, double[][] pn, double[][] pa) {
    // quasi-static I-V: V_th and V_hold within 1%
    double[] gn = conductance(ng);
    double[] ga = conductance(nat);
    double[] vn = crossings(ng, gn, mid(gn), 1);
    double[] va = crossings(nat, ga, mid(ga), 1);
    assertThat(vn[0]).as("ngspice V_th").isFinite();
    assertThat(vn[1]).as("ngspice V_hold").isFinite();
    assertThat(va[0]).as(name + " V_th native vs ngspice").isCloseTo(vn[0], Percentage.withPercentage(1));
    assertThat(va[1]).as(name + " V_hold native vs ngspice").isCloseTo(vn[1], Percentage.withPercentage(1));
    // a step to 1.3 V_th: switching delay within 2%
    double[] gpn = conductance(pn);
    double[] gpa = conductance(pa);
    double dn = crossings(pn, gpn, mid(gpn), 0)[0];
    double da = crossings(pa, gpa, mid(gpa), 0)[0];
    assertThat(dn).as("ngspice delay").isFinite().isPositive();
    assertThat(da).as(name + " delay native vs ngspice").isCloseTo(dn, Percentage.withPercentage(2));
  }

  /** Linear interpolation of (t, y) at time x. */
  static double at(double[] t, double[] y, double x) {
    int k = java.util.Arrays.binarySearch(t, x);
    if (k >= 0) {
      return y[k];
    }
    int hi = Math.min(Math.max(-k - 1, 1), t.length - 1);
    double f = (x - t[hi - 1]) / (t[hi] - t[hi - 1]);
    return y[hi - 1] + f * (y[hi] - y[hi - 1]);
  }

  /**
   * Devices without a threshold (the second-order protonic memristor, the synapse, the phase-change
   * cell without its random draws): a pulse train through 10 Ohm, and the state trajectories compared
   * at every ngspice sample: the largest difference within 1% of the state's range in ngspice. For the
   * cell its thickness p so, and its firing times (its output spike s crossing 1/2) within 1%.
   */
  @ParameterizedTest
  @ValueSource(strings = {"proton2_huang2019", "proton2_feedback", "synapse_memtorch", "pcm_tuma2016"})
  void exportedDeviceInNgspiceFollowsTheNativeStateTrajectory(String name) {
    Case c = CASES.get(name);
    assertExportIsCommitted(name, c);
    assertTrajectoryMatches(name, c, csv(name + "_train.csv"), native_(name + "_train.cir", c));
  }

  /**
   * A device without a threshold on its train driver, reference (ngspice) against candidate (columns time, v(a), i(vs),
   * the case's states): each state within 1% of its range at every reference sample, the cell's firings within 1%.
   */
  static void assertTrajectoryMatches(String name, Case c, double[][] ng, double[][] nat) {
    for (int s = 0; s < c.states().size(); s++) {
      if (c.type().equals("pcm") && c.states().get(s).equals("s")) {
        continue; // the output spike (a 1 ns edge): compared by its firing times below
      }
      double[] y = ng[3 + s];
      double lo = java.util.Arrays.stream(y).min().orElseThrow();
      double hi = java.util.Arrays.stream(y).max().orElseThrow();
      assertThat(hi - lo).as(name + " " + c.states().get(s) + " moves in ngspice").isPositive();
      double worst = 0;
      for (int k = 0; k < y.length; k++) {
        worst = Math.max(worst, Math.abs(at(nat[0], nat[3 + s], ng[0][k]) - y[k]));
      }
      assertThat(worst / (hi - lo)).as(name + " " + c.states().get(s) + ": largest difference / range").isLessThan(0.01);
    }
    if (c.type().equals("pcm")) {
      double[] fn = SpikeDetector.at(0.5).detect(ng[0], ng[4]);
      double[] fa = SpikeDetector.at(0.5).detect(nat[0], nat[4]);
      assertThat(fn.length).as("ngspice firings").isGreaterThanOrEqualTo(3);
      assertThat(fa.length).as("native firings").isEqualTo(fn.length);
      for (int k = 0; k < fn.length; k++) {
        assertThat(fa[k]).as("firing " + (k + 1)).isCloseTo(fn[k], Percentage.withPercentage(1));
      }
    }
  }

  /**
   * The user's path of issue 11: the LIF neuron of {@code examples/lif-vo2fit.cir} built from the fitted 8-domain
   * card, with the exported card in ngspice (the driver includes it and instantiates it as X): the spikes of
   * v(o) (upward crossings of 0.5 V, as docs/fitting.md counts them) over 4 s, the first 10 within 1% of
   * Neuristor's and as many.
   */
  @Test
  void fittedMultiDomainCardInTheLifNeuronSpikesInNgspiceWhenNeuristorDoes() {
    String name = "vo2_galloni2024";
    Case c = CASES.get(name);
    double[][] ng = csv(name + "_lif.csv");
    assertExportIsCommitted(name, c);
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(nativeText(name + "_lif.cir", c), name + "_lif.cir");
    Trace t = Simulation.run(cc.circuit(), cc.analyses().get(0), List.of("v(o)"), null).trace();
    double[] fn = SpikeDetector.at(0.5).detect(ng[0], ng[1]);
    double[] fa = SpikeDetector.at(0.5).detect(t, "v(o)");
    assertThat(fn.length).as("ngspice spikes").isGreaterThanOrEqualTo(10);
    assertThat(fa.length).as("native spikes").isEqualTo(fn.length);
    for (int k = 0; k < 10; k++) {
      assertThat(fa[k]).as("spike " + (k + 1)).isCloseTo(fn[k], Percentage.withPercentage(1));
    }
  }

  /**
   * docs/fitting.md's round trip for the card as shipped: {@code device export} of
   * examples/models/vo2-galloni2024.model, and examples/lif-vo2fit.cir itself with its {@code .include} and its N
   * line rewritten to the subcircuit ({@code x1 m o vo2fit}), run in ngspice-39 to the example's own tstop. Neuristor
   * runs the example unchanged (the card through {@code .include}). The same spikes of v(o) (the spike detector at
   * 0.5 V), each within 0.1% (measured: 0.006%); the membrane v(m) within 1% of its swing at every ngspice sample.
   */
  @Test
  void theShippedCardInItsExampleNeuronFiresTheSameSpikesInNgspice() throws IOException {
    Case c = CASES.get(SHIPPED);
    assertExportIsCommitted(SHIPPED, c);
    String example = java.nio.file.Files.readString(SHIPPED_LIF, StandardCharsets.UTF_8);
    // the committed deck is the example with the docs' two rewrites and the references' tolerances, nothing else
    assertThat(resource(SHIPPED + "_lif.cir")).isEqualTo(example
        .replace(".include models/vo2-galloni2024.model\n", ".include " + SHIPPED + ".sub\n")
        .replace("\nn1 m o vo2fit\n", "\nx1 m o vo2fit\n")
        .replace("\n.tran ", "\n.options reltol=1e-6 abstol=1e-12 vntol=1e-9\n.tran "));
    String text = example.replace(".include models/vo2-galloni2024.model", ".include " + SHIPPED_CARD.toAbsolutePath());
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(text, SHIPPED_LIF.toString());
    Trace t = Simulation.run(cc.circuit(), cc.analyses().get(0), List.of("v(o)", "v(m)"), null).trace();
    assertFiresAsTheShippedLifInNgspice(t);
  }

  /**
   * The spikes of v(o) in t (the spike detector at 0.5 V) are ngspice's in vo2fit_shipped_lif.csv, as many and each
   * within 0.1%, and v(m) is within 1% of its swing at every ngspice sample.
   */
  static void assertFiresAsTheShippedLifInNgspice(Trace t) {
    double[][] ng = csv(SHIPPED + "_lif.csv");
    double[] fn = SpikeDetector.at(0.5).detect(ng[0], ng[1]);
    double[] fa = SpikeDetector.at(0.5).detect(t, "v(o)");
    assertThat(fn.length).as("ngspice spikes").isGreaterThanOrEqualTo(3);
    assertThat(fa.length).as("Neuristor spikes").isEqualTo(fn.length);
    for (int k = 0; k < fn.length; k++) {
      assertThat(fa[k]).as("spike " + (k + 1)).isCloseTo(fn[k], Percentage.withPercentage(0.1));
    }
    double lo = java.util.Arrays.stream(ng[2]).min().orElseThrow();
    double hi = java.util.Arrays.stream(ng[2]).max().orElseThrow();
    double worst = 0;
    for (int k = 0; k < ng[0].length; k++) {
      worst = Math.max(worst, Math.abs(at(t.axis(), t.get("v(m)"), ng[0][k]) - ng[2][k]));
    }
    assertThat(worst / (hi - lo)).as("v(m): largest difference / swing").isLessThan(0.01);
  }

  /**
   * The deck ngspice ran, in Neuristor: vo2fit_shipped_lif.cir, the exported card as B sources and capacitors (119
   * unknowns), to 3 s under the default BDF2. The same spikes of v(o), each within 0.1% of ngspice's (measured:
   * 5.4e-6), and v(m) within 1% of its swing at every ngspice sample (measured: 3.9e-5). Round 18 stopped at 1.126 s
   * with "time step too small" after some 150 s: domain 0's cooling memory (x1.pc) slides on the discontinuity of
   * x1.tpc at p = -1e-6 (docs/engine.md, "Sliding on a discontinuity"; SlidingModeTest has it in three nodes).
   */
  @Test
  void theExportedCardInItsExampleNeuronFiresTheSameSpikesInNeuristorAsInNgspice() {
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(
        java.nio.file.Path.of("src", "test", "resources", "ngspice", "export", SHIPPED + "_lif.cir"));
    Trace t = Simulation.run(cc.circuit(), cc.analyses().get(0), List.of("v(o)", "v(m)"), null).trace();
    assertFiresAsTheShippedLifInNgspice(t);
  }

  @Test
  void whatCannotBeExportedIsRefusedOrNamed() {
    // device-to-device variability is a sampled device, not a model
    assertThatThrownBy(() -> SpiceExport.subcircuit("d", "vo2", Map.of("d2d_v", 0.1), List.of()))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("d2d_v");
    assertThatThrownBy(() -> SpiceExport.subcircuit("d", "ts", Map.of("d2d_r", 0.2), List.of()))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("d2d_r");
    // the phase-change cell's random draws
    assertThatThrownBy(() -> SpiceExport.subcircuit("d", "pcm", Map.of(), List.of())).isInstanceOf(NeuristorException.class)
        .hasMessageContaining("sigr").hasMessageContaining("random");
    assertThatThrownBy(() -> SpiceExport.subcircuit("d", "pcm", Map.of("sigr", 0), List.of()))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("sigg");
    assertThat(SpiceExport.subcircuit("d", "pcm", Map.of("sigr", 0, "sigg", 0), List.of())).contains(".subckt d p n");
    String agx = SpiceExport.subcircuit("d", "diffusive", Map.of("preset", "ag-sioxny"), new ArrayList<>());
    if (DeviceRegistry.resolve("diffusive", Map.of("preset", "ag-sioxny")).get("sdelay") > 0) {
      assertThat(agx).contains("* not exported: sdelay");
    }
    assertThat(SpiceExport.subcircuit("d", "ts", Map.of("c2c", 0.05), List.of())).contains("* not exported: c2c");
  }

  /**
   * A parameter the exporter does not write (one a model gains later) is refused unless it is at its
   * default, never dropped: a made-up parameter, and every parameter the types declare today.
   */
  @Test
  void aParameterTheExportDoesNotWriteIsRefusedUnlessAtItsDefault() {
    List<org.neuristor.ParameterSpec> specs = new ArrayList<>(DeviceRegistry.type("vo2").parameters());
    specs.add(org.neuristor.ParameterSpec.of("newterm", "-", 0, -1, 1, "a term added after the exporter"));
    Map<String, Double> values = new java.util.LinkedHashMap<>(DeviceRegistry.resolve("vo2", Map.of()));
    values.put("newterm", 0.0);
    SpiceExport.refuseUnexported("vo2", values, specs);
    values.put("newterm", 0.5);
    assertThatThrownBy(() -> SpiceExport.refuseUnexported("vo2", values, specs)).isInstanceOf(NeuristorException.class)
        .hasMessageContaining("newterm = 0.5").hasMessageContaining("no ngspice export");
    for (String type : List.of("vo2", "proton2", "synapse", "pcm")) {
      List<org.neuristor.ParameterSpec> declared = DeviceRegistry.type(type).parameters();
      for (org.neuristor.ParameterSpec p : declared) {
        if (p.name().startsWith("d2d_")) {
          continue;
        }
        Map<String, Double> v = new java.util.LinkedHashMap<>(DeviceRegistry.resolve(type, Map.of()));
        v.put(p.name(), p.defaultValue() != p.max() ? p.max() : p.min());
        if (SpiceExport.exported(type).contains(p.name())) {
          assertThatCode(() -> SpiceExport.refuseUnexported(type, v, declared)).as(type + "." + p.name())
              .doesNotThrowAnyException();
        } else {
          assertThatThrownBy(() -> SpiceExport.refuseUnexported(type, v, declared)).as(type + "." + p.name())
              .hasMessageContaining(p.name()).hasMessageContaining("no ngspice export");
        }
      }
    }
  }
}
