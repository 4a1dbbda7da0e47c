package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;

/**
 * {@code fit}, {@code fit check} and fitted cards in other commands, as a user runs them. The fit of the
 * shipped VO2 data itself takes minutes (a benchmark, see docs/fitting.md); here the card it wrote is
 * checked against a pulse file it did not see, with the held-out tolerances.
 */
public class FitCommandTest {
  static final String DATA = "../examples/data/vo2-galloni2024/";
  static final String CARD = "../examples/models/vo2-galloni2024.model";

  @TempDir Path dir;

  /** The shipped VO2 DC sweep's rows {@code times} over, as {@code Voltage (V),Current (A)} (a long sweep). */
  public static String shippedSweepRepeated(int times) throws java.io.IOException {
    java.util.List<String> lines = Files.readAllLines(Path.of(DATA + "iv_dc_dual_sweep.csv"));
    int head = 0;
    while (!lines.get(head).startsWith("Index,")) {
      head++;
    }
    StringBuilder sb = new StringBuilder("Voltage (V),Current (A)\n");
    for (int rep = 0; rep < times; rep++) {
      for (String row : lines.subList(head + 1, lines.size())) {
        String[] c = row.split(",");
        sb.append(c[2]).append(',').append(c[3]).append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void fitCheckReportsEveryPulseOfAHeldOutFileInTheDocumentedJson() throws Exception {
    CliHarness.Result r = CliHarness.run("fit", "check", CARD, "--pulse", DATA + "pulses/4.5V_0.01s_68.5C.csv:ambient=68.5C",
        "--json", "--no-plot", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode f = Json.mapper().readTree(r.out()).get("files").get(0);
    assertThat(f.get("file").asText()).endsWith("4.5V_0.01s_68.5C.csv");
    assertThat(f.get("pulses")).hasSize(2);
    for (JsonNode p : f.get("pulses")) {
      assertThat(p.get("end_s").asDouble() - p.get("start_s").asDouble()).isCloseTo(0.0096, within(4e-4));
      for (String k : new String[] {"end_of_pulse_current_A", "read_current_1ms_A", "read_current_20ms_A"}) {
        JsonNode q = p.get(k);
        double meas = q.get("measured").asDouble();
        assertThat(q.get("rel_err").asDouble()).isCloseTo(q.get("model").asDouble() / meas - 1, within(1e-9));
      }
      // the current rises during every pulse of this file (measured), and the model's does too
      assertThat(p.get("current_change_sign").get("measured").asInt()).isEqualTo(1);
      assertThat(p.get("current_change_sign").get("model").asInt()).isEqualTo(1);
    }
    // measured: end of the first pulse 7.70 mA (last sample before the falling edge)
    assertThat(f.get("pulses").get(0).get("end_of_pulse_current_A").get("measured").asDouble()).isCloseTo(7.70e-3,
        within(0.02e-3));
    // issue 11's held-out tolerances on the mean of the file's pulses: read current 1 ms after within 15%,
    // end-of-pulse current within 25%
    JsonNode mean = f.get("pulse_mean");
    assertThat(Math.abs(mean.get("read_current_1ms_A").get("rel_err").asDouble())).isLessThan(0.15);
    assertThat(Math.abs(mean.get("end_of_pulse_current_A").get("rel_err").asDouble())).isLessThan(0.25);
    assertThat(f.get("rms_rel_err").asDouble()).isLessThan(0.05);
  }

  /**
   * The shipped card on all three held-out files (docs/fitting.md section 3; issue 11's held-out asks on the
   * mean of each file's pulses): read current 1 ms after within 15%, end of pulse within 25%, the current
   * rising during every pulse in model and data. Shipped round-6 card: 4.5 V +5.2% / +1.2%, 5.5 V +11.2% /
   * -11.3%, 6.0 V +19.1% / +4.4% (end / read).
   */
  @Test
  void theShippedCardMeetsTheHeldOutAsksOnThePulsesMean() throws Exception {
    CliHarness.Result r = CliHarness.run("fit", "check", CARD, "--pulse", DATA + "pulses/4.5V_0.01s_68.5C.csv:ambient=68.5C",
        "--pulse", DATA + "pulses/5.5V_0.01s_68.5C.csv:ambient=68.5C", "--pulse", DATA + "pulses/6V_0.01s_68.5C.csv:ambient=68.5C",
        "--json", "--no-plot", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode files = Json.mapper().readTree(r.out()).get("files");
    assertThat(files).hasSize(3);
    String doc = Files.readString(Path.of("..", "docs", "fitting.md"));
    String[] volts = {"4.5", "5.5", "6.0"};
    StringBuilder rms = new StringBuilder();
    StringBuilder end = new StringBuilder();
    StringBuilder read = new StringBuilder();
    for (int k = 0; k < 3; k++) {
      JsonNode f = files.get(k);
      JsonNode mean = f.get("pulse_mean");
      assertThat(Math.abs(mean.get("read_current_1ms_A").get("rel_err").asDouble())).as(f.get("file").asText()).isLessThan(0.15);
      assertThat(Math.abs(mean.get("end_of_pulse_current_A").get("rel_err").asDouble())).as(f.get("file").asText()).isLessThan(0.25);
      for (JsonNode p : f.get("pulses")) {
        assertThat(p.get("current_change_sign").get("model").asInt()).isEqualTo(p.get("current_change_sign").get("measured").asInt());
      }
      // docs/fitting.md's held-out table and README's held-out row quote these figures: they must be today's
      JsonNode e = mean.get("end_of_pulse_current_A");
      JsonNode r1 = mean.get("read_current_1ms_A");
      String row = String.format(java.util.Locale.ROOT, "| %s V | %.1f%% | %.2f / %.2f mA (%+.1f%%) | %.3f / %.3f mA (%+.1f%%) | %+.1f%% | right |",
          volts[k], 100 * f.get("rms_rel_err").asDouble(), 1e3 * e.get("measured").asDouble(), 1e3 * e.get("model").asDouble(),
          100 * e.get("rel_err").asDouble(), 1e3 * r1.get("measured").asDouble(), 1e3 * r1.get("model").asDouble(),
          100 * r1.get("rel_err").asDouble(), 100 * mean.get("read_current_20ms_A").get("rel_err").asDouble());
      assertThat(doc.contains(row)).as("docs/fitting.md should have the row %s", row).isTrue();
      String sep = k == 0 ? "" : " / ";
      rms.append(sep).append(String.format(java.util.Locale.ROOT, "%.1f", 100 * f.get("rms_rel_err").asDouble()));
      end.append(sep).append(String.format(java.util.Locale.ROOT, "%+.1f", 100 * e.get("rel_err").asDouble()));
      read.append(sep).append(String.format(java.util.Locale.ROOT, "%+.1f", 100 * r1.get("rel_err").asDouble()));
    }
    String readmeRow = "| held out: 4.5 / 5.5 / 6.0 V pulses | " + rms + "% | " + end + "% | " + read + "% | right on all |";
    assertThat(Files.readString(Path.of("..", "README.md")).contains(readmeRow)).as("README should have %s", readmeRow).isTrue();
  }

  @Test
  void aFittedCardServesIvLikeItsTypeWithTheSameValues() throws Exception {
    Path card = dir.resolve("mine.model");
    Files.writeString(card, "* a hand-made card\n.model mine ts (vth=1.2 vhold=0.5\n+ ron=2k roff=1meg)\n");
    CliHarness.Result r = CliHarness.run("iv", card.toString(), "--sweep", "triangle:amp=2", "--json", "--no-plot", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    CliHarness.Result same = CliHarness.run("iv", "ts", "--sweep", "triangle:amp=2", "--param", "vth=1.2,vhold=0.5,ron=2k,roff=1meg", "--json",
        "--no-plot", "--out", dir.toString());
    JsonNode k = Json.mapper().readTree(same.out());
    assertThat(j.get("model").asText()).startsWith("mine (ts, ");
    assertThat(j.get("positive").get("vth_V").asDouble()).isEqualTo(k.get("positive").get("vth_V").asDouble())
        .isCloseTo(1.2, within(0.03));
    assertThat(j.get("positive").get("ron_ohm").asDouble()).isCloseTo(2e3, within(20.0));
    assertThat(Files.exists(dir.resolve("iv-mine.csv"))).isTrue();
    // --param overrides the card
    CliHarness.Result over = CliHarness.run("iv", card.toString(), "--sweep", "triangle:amp=2", "--param", "vth=1.4", "--json", "--no-plot", "--out",
        dir.toString());
    assertThat(Json.mapper().readTree(over.out()).get("positive").get("vth_V").asDouble()).isCloseTo(1.4, within(0.03));
    // a card with a parameter the type does not have: one line, exit 2
    Files.writeString(card, ".model mine ts (vth=1.2 bogus=3)\n");
    CliHarness.Result bad = CliHarness.run("iv", card.toString(), "--no-plot", "--out", dir.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip()).contains("mine.model:1:1").contains("bogus").doesNotContain("\n");
  }

  @Test
  void aCardReplacesTheCircuitsDeviceModelInNeuronRun() throws Exception {
    Path card = dir.resolve("sw.model");
    Files.writeString(card, ".model sw ts (vth=1.3 vhold=0.6 ron=1k roff=1meg tauon=10n tauoff=100n delta=2m eps=0.02)\n");
    JsonNode withCard = Json.mapper().readTree(CliHarness.run("neuron", "run", "lif", "--device", card.toString(), "--json",
        "--no-plot", "--out", dir.toString()).out());
    JsonNode withParam = Json.mapper().readTree(CliHarness.run("neuron", "run", "lif", "--param", "vth=1.3", "--json",
        "--no-plot", "--out", dir.toString()).out());
    JsonNode plain = Json.mapper().readTree(CliHarness.run("neuron", "run", "lif", "--json", "--no-plot", "--out",
        dir.toString()).out());
    // lif's own device differs from the card only in vth: the card gives the same spikes as --param vth=1.3
    assertThat(withCard.get("spike_times_s")).isEqualTo(withParam.get("spike_times_s"));
    assertThat(withCard.get("spikes").asInt()).isLessThan(plain.get("spikes").asInt());
    // a card of another type than the circuit's device: one line, exit 2
    CliHarness.Result bad = CliHarness.run("neuron", "run", "lif", "--device", CARD, "--no-plot", "--out", dir.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip()).contains("vo2").contains("no .model of a device type circuit lif uses (ts)").doesNotContain("\n");
  }

  @Test
  void rescaleBiasScalesTheBiasByTheThresholdRatioOnlyWhenAsked() throws Exception {
    // analytic case: rscale=4 multiplies every resistance of the film by 4; the steady state
    // V^2/(4 R(T)) = S_th (T - T_0) is the one of the preset at V/2, so the DC threshold doubles exactly
    // (to the sweep's step, 1/1000 of its amplitude) and so must yi's bias rails (7 V -> 14 V)
    Path card = dir.resolve("film4.model");
    Files.writeString(card, ".model film4 vo2 (rscale=4)\n");
    CliHarness.Result r = CliHarness.run("neuron", "run", "yi", "--device", card.toString(), "--rescale-bias", "--json",
        "--no-plot", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("bias x([0-9.]+): vdc1=([0-9.]+) V vdc2=([0-9.]+) V")
        .matcher(r.err());
    assertThat(m.find()).as(r.err()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isCloseTo(2.0, within(0.005));
    assertThat(Double.parseDouble(m.group(2))).isCloseTo(14.0, within(0.04));
    assertThat(Double.parseDouble(m.group(3))).isCloseTo(14.0, within(0.04));
    // the run is the one with those rails given by hand; without --rescale-bias the rails stay at 7 V
    JsonNode scaled = Json.mapper().readTree(r.out());
    JsonNode byHand = Json.mapper().readTree(CliHarness.run("neuron", "run", "yi", "--device", card.toString(), "--param",
        "vdc1=" + m.group(2) + ",vdc2=" + m.group(3), "--json", "--no-plot", "--out", dir.toString()).out());
    assertThat(scaled.get("response_V").asDouble()).isCloseTo(byHand.get("response_V").asDouble(), within(2e-4));
    CliHarness.Result plain = CliHarness.run("neuron", "run", "yi", "--device", card.toString(), "--json", "--no-plot", "--out",
        dir.toString());
    assertThat(plain.err()).doesNotContain("rescale");
    // refused where it cannot apply: one line, exit 2
    Path ts = dir.resolve("sw.model");
    Files.writeString(ts, ".model sw ts (vth=1.3)\n");
    String[][] bad = {
        {"lif", ts.toString(), "has no DC bias source"},
        {"yi", null, "needs --device"}};
    for (String[] b : bad) {
      CliHarness.Result e = b[1] == null
          ? CliHarness.run("neuron", "run", b[0], "--rescale-bias", "--no-plot", "--out", dir.toString())
          : CliHarness.run("neuron", "run", b[0], "--device", b[1], "--rescale-bias", "--no-plot", "--out", dir.toString());
      assertThat(e.code()).as(b[2]).isEqualTo(2);
      assertThat(e.err().strip()).contains(b[2]).doesNotContain("\n");
    }
    CliHarness.Result both = CliHarness.run("neuron", "run", "yi", "--device", card.toString(), "--rescale-bias", "--param",
        "vdc1=5", "--no-plot", "--out", dir.toString());
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("vdc1");
  }

  @Test
  void theSynapseFitReproducesTheMeasuredPulseToPulseSpread() throws Exception {
    CliHarness.Result r = CliHarness.run("fit", "synapse", "--pulses", "../examples/data/synapse-gong/gong_et_al.csv",
        "--json", "--no-plot", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    for (String b : new String[] {"potentiation", "depression"}) {
      // issue 11: the fitted noise reproduces the measured pulse-to-pulse spread within 20% (measured: -6% and -8%)
      assertThat(Math.abs(j.get(b).get("spread_rel_err").asDouble())).isLessThan(0.2);
    }
    // the curves' RMS error is 6.3% of the range; the data scatter by 5.3% of the range about their own
    // local trend (a straight line through every 51 pulses), which no smooth curve gets below (the
    // issue's 5% is not reachable on these data; see docs/fitting.md)
    assertThat(j.get("rms_err_of_range").asDouble()).isLessThan(0.07);
    assertThat(j.get("trend_rms_of_range").asDouble()).isCloseTo(0.0526, within(0.0005))
        .isLessThan(j.get("rms_err_of_range").asDouble());
    assertThat(Files.exists(dir.resolve("synapsefit.synapse.json"))).isTrue();
  }

  @Test
  void twoDataFilesOfTheSameNameAreRefused() throws Exception {
    // a/p.csv and b/p.csv: the second's overlay plot and row CSV replaced the first's, exit 0
    Path a = Files.createDirectories(dir.resolve("a")).resolve("p.csv");
    Path b = Files.createDirectories(dir.resolve("b")).resolve("p.csv");
    Files.copy(Path.of(DATA + "pulses/4V_0.01s_68.5C.csv"), a);
    Files.copy(Path.of(DATA + "pulses/5V_0.01s_68.5C.csv"), b);
    CliHarness.Result r = CliHarness.run("fit", "check", "../examples/models/vo2-galloni2024.model", "--pulse",
        a + ":ambient=68.5C", "--pulse", b + ":ambient=68.5C", "--no-plot", "--out", dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: data files " + a + " and " + b + " would write the same overlay "
        + "files (p): give them different names");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void tooFewSynapsePulsesAreSaidOfTheFile() throws Exception {
    // was "error: synapse data need at least 5 pulses in each direction", without the file
    Path f = Files.writeString(dir.resolve("few.csv"), "-0.8,0.7\n-0.9,0.8\n-0.7,0.6\n");
    CliHarness.Result r = CliHarness.run("fit", "synapse", "--pulses", f.toString(), "--no-plot", "--out",
        dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: " + f + ": synapse data need at least 5 pulses in each direction");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void conditionsStartsAndNamesOutsideWhatIsLegalAreRefusedBeforeTheFit() {
    String pulse = DATA + "pulses/4V_0.01s_68.5C.csv";
    String iv = DATA + "iv_dc_dual_sweep.csv";
    Path out = dir.resolve("out");
    String[][] bad = {
        // F is femto: 6.85e-14 K; the file's simulation failed and 'fit check' exited 0
        {"check", "../examples/models/vo2-galloni2024.model", "--pulse", pulse + ":ambient=68.5F",
            "condition ambient: vo2: parameter t0 = 6.85e-14 K is outside [200, 500] K"},
        {"check", "../examples/models/vo2-galloni2024.model", "--pulse", pulse + ":series=-5",
            "condition series = -5 Ohm: expected a finite value >= 0 Ohm"},
        {"check", "../examples/models/vo2-galloni2024.model", "--pulse", pulse + ":compliance=0",
            "condition compliance = 0 A: expected a finite value > 0 A"},
        // was moved to the range's end without a word
        {"ts", "--iv", iv, "--start", "vth=-1", "--start vth = -1 is outside its search range ["},
        // wrote the card outside --out
        {"ts", "--iv", iv, "--name", "../x", "--name must be letters, digits, '.', '_' or '-', not starting with '.'"}};
    for (String[] b : bad) {
      String[] args = new String[b.length + 3];
      args[0] = "fit";
      System.arraycopy(b, 0, args, 1, b.length - 1);
      args[b.length] = "--no-plot";
      args[b.length + 1] = "--out";
      args[b.length + 2] = out.toString();
      CliHarness.Result r = CliHarness.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip()).as(String.join(" ", args)).contains(b[b.length - 1]).doesNotContain("\n");
    }
    assertThat(out).doesNotExist();
    assertThat(dir.resolve("x.model")).doesNotExist();
  }

  @Test
  void dataThatCannotIdentifyTheModelIsRefusedWithoutAPartialModelFile() throws Exception {
    // a sweep that never switches, fitted with a switching model
    Path flat = dir.resolve("flat.csv");
    StringBuilder sb = new StringBuilder("Voltage (V),Current (A)\n");
    for (int k = 0; k <= 50; k++) {
      sb.append(k * 0.1).append(',').append(k * 0.1 / 5e3).append('\n');
    }
    Files.writeString(flat, sb.toString());
    Path out = dir.resolve("out");
    CliHarness.Result r = CliHarness.run("fit", "ts", "--iv", flat.toString(), "--no-plot", "--out", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).contains("never switches").doesNotContain("\n");
    assertThat(out.resolve("tsfit.model")).doesNotExist();
    // no numeric rows, a missing column, text in a column, a time column that goes back: file:line: message, exit 2
    String[][] bad = {
        {"time,voltage,current\nx,y,z\n", "no numeric rows"},
        {"time,voltage\n0,1\n1,2\n", "no current column"},
        {"time,voltage,current\n0,1,2\n1,2,3\n2,3,oops\n", "expected a number"},
        {"time,voltage,current\n0,1,2\n2,2,3\n1,3,4\n", "does not increase"}};
    for (int k = 0; k < bad.length; k++) {
      Path f = dir.resolve("bad" + k + ".csv");
      Files.writeString(f, bad[k][0]);
      CliHarness.Result b = CliHarness.run("fit", "vo2", "--pulse", f.toString(), "--no-plot", "--out", out.toString());
      assertThat(b.code()).as(bad[k][1]).isEqualTo(2);
      assertThat(b.err().strip()).contains("bad" + k + ".csv:").contains(bad[k][1]).doesNotContain("\n");
    }
    assertThat(out.resolve("vo2fit.model")).doesNotExist();
    // a condition with a wrong unit is refused by the project's number parser, never read as a prefix
    CliHarness.Result u = CliHarness.run("fit", "vo2", "--pulse", DATA + "pulses/4V_0.01s_68.5C.csv:ambient=68.5V",
        "--no-plot", "--out", out.toString());
    assertThat(u.code()).isEqualTo(2);
    assertThat(u.err()).contains("ambient");
  }

  /**
   * {@code --max-rows}: a long sweep (the shipped one five times over, 2095 rows) is fitted on one row in 5 and the
   * rows around its jumps, said on stderr, in the card and in fit.json; the reports simulate every row (the fit's
   * metrics of the file are those {@code fit check} gives its card on the whole file).
   */
  @Test
  void maxRowsFitsALongSweepOnOneRowInKAndSaysSo() throws Exception {
    Path iv = Files.writeString(dir.resolve("long.csv"), shippedSweepRepeated(5));
    Path out = dir.resolve("out");
    CliHarness.Result r = CliHarness.run("fit", "ts", "--iv", iv.toString(), "--max-rows", "500", "--starts", "0",
        "--iterations", "0", "--no-plot", "--json", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("long.csv: 2095 rows; fitted on 425 of them (one row in 5, and the rows around its jumps"
        + " and of its largest |V|: --max-rows 500); its jumps, crossings and low-bias resistance are read from every row,"
        + " and the reports simulate every row");
    assertThat(Files.readString(out.resolve("tsfit.model"))).contains("fitted on 425 of 2095 rows (--max-rows 500)");
    JsonNode f = Json.mapper().readTree(r.out()).get("files").get(0);
    assertThat(f.get("fitted_rows").asInt()).isEqualTo(425);
    CliHarness.Result c = CliHarness.run("fit", "check", out.resolve("tsfit.model").toString(), "--iv", iv.toString(),
        "--no-plot", "--json", "--out", dir.resolve("check").toString());
    assertThat(c.code()).as(c.err()).isZero();
    JsonNode checked = Json.mapper().readTree(c.out()).get("files").get(0);
    // (the card holds 10 significant digits of the fitted values)
    assertThat(f.get("rms_rel_err").asDouble()).isCloseTo(checked.get("rms_rel_err").asDouble(), within(1e-9));
    assertThat(f.get("vth_V").get("model").asDouble()).isEqualTo(checked.get("vth_V").get("model").asDouble());
    // fewer than 3 rows cannot be a sweep
    CliHarness.Result bad = CliHarness.run("fit", "ts", "--iv", iv.toString(), "--max-rows", "2", "--no-plot", "--out",
        dir.resolve("bad").toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip()).isEqualTo("error: --max-rows must be at least 3, got 2");
    assertThat(dir.resolve("bad")).doesNotExist();
  }

  /**
   * Round 21's quick fit of the VO2 DC sweep ({@code fit ts --starts 2 --iterations 20}) wrote vth 87 V (above the
   * sweep's 21 V) and ron 60.9 kOhm above roff 3.58 kOhm, a card that never switched on the data and on which {@code iv}
   * failed. Now the threshold is searched within the data's voltages from the measured jump, ron below roff, and the
   * switching times, which a DC sweep does not depend on, are held and said to be: the card switches where the data
   * do, and {@code iv} runs on it.
   */
  @Test
  void aQuickSwitchFitOfTheVo2SweepGivesACardThatSwitchesAndRuns() throws Exception {
    Path out = dir.resolve("ts");
    CliHarness.Result r = CliHarness.run("fit", "ts", "--iv", DATA + "iv_dc_dual_sweep.csv", "--starts", "2", "--iterations",
        "20", "--json", "--no-plot", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    java.util.Map<String, Double> v = new java.util.HashMap<>();
    java.util.Map<String, JsonNode> rows = new java.util.HashMap<>();
    for (JsonNode p : j.get("parameters")) {
      v.put(p.get("name").asText(), p.get("value").asDouble());
      rows.put(p.get("name").asText(), p);
    }
    assertThat(v.get("vth")).isLessThanOrEqualTo(21.0).isCloseTo(17.6, within(0.5));
    assertThat(v.get("ron")).isLessThan(v.get("roff"));
    assertThat(j.get("card_ok").asBoolean()).as(j.get("card_problems").toString()).isTrue();
    assertThat(j.get("card_problems")).isEmpty();
    assertThat(j.get("files").get(0).get("vth_V").get("model").asDouble()).isCloseTo(17.6, within(0.5));
    assertThat(j.get("held").get("tauon").get("reason").asText()).contains("every file is a DC sweep");
    assertThat(j.get("held").has("tauoff")).isTrue();
    // the measured film returns gradually, so no row moves with vhold: not identified, and said so
    assertThat(rows.get("vhold").get("identified").asBoolean()).isFalse();
    assertThat(rows.get("vhold").get("identified_reason").asText()).contains("do not depend on it");
    assertThat(rows.get("vth").get("identified").asBoolean()).isTrue();
    assertThat(rows.get("vth").get("identified_reason").isNull()).isTrue();
    assertThat(j.get("not_identified").toString()).isEqualTo("[\"vhold\"]");
    assertThat(Files.readString(out.resolve("tsfit.params.csv"))).startsWith("parameter,file,value,unit,std_err,rel_std_err,"
        + "identified\n").contains("\nvhold,,");
    CliHarness.Result iv = CliHarness.run("iv", out.resolve("tsfit.model").toString(), "--json", "--no-plot", "--out",
        dir.resolve("iv").toString());
    assertThat(iv.code()).as(iv.err()).isZero();
    assertThat(Json.mapper().readTree(iv.out()).get("positive").get("switched").asBoolean()).isTrue();
    // the text summary names what the data do not determine and how to hold it
    CliHarness.Result text = CliHarness.run("fit", "ts", "--iv", DATA + "iv_dc_dual_sweep.csv", "--starts", "2",
        "--iterations", "20", "--no-plot", "--out", out.toString());
    assertThat(text.out()).contains("card:").contains("reproduces the switching of every sweep")
        .contains("vhold: the data do not determine it (each one's reason above); hold it with --fix vhold=")
        .contains("(not identified: the data do not depend on it at the optimum");
  }

  /**
   * A card that does not switch where the data switch is named as such, with the reason, in the summary, the JSON, on
   * standard error and in the card itself (here forced: a threshold held above every voltage of the sweep).
   */
  @Test
  void aCardThatCannotSwitchWithinTheDataIsNamedWithItsReason() throws Exception {
    Path out = dir.resolve("bad");
    CliHarness.Result r = CliHarness.run("fit", "ts", "--iv", DATA + "iv_dc_dual_sweep.csv", "--fix", "vth=30", "--starts",
        "0", "--iterations", "3", "--json", "--no-plot", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("card_ok").asBoolean()).isFalse();
    String why = j.get("card_problems").get(0).asText();
    assertThat(why).startsWith("iv_dc_dual_sweep.csv: the data switch at 17.60 V, the card does not switch on this sweep")
        .contains("its vth = 30.00 V is above every voltage of the data (largest 21.00 V)");
    assertThat(r.err()).contains("warning: the card does not reproduce the data: " + why);
    assertThat(Files.readString(out.resolve("tsfit.model"))).contains("* WARNING: the card does not reproduce the data: "
        + "iv_dc_dual_sweep.csv: the data switch at 17.60 V");
  }

  /**
   * {@code fit check} names a card that does not switch where the held-out data do, as {@code fit} does: in the JSON,
   * the summary and on standard error (round 22's first build gave only the per-file metrics, exit 0, no word).
   */
  @Test
  void fitCheckNamesACardThatDoesNotSwitchWhereTheDataDo() throws Exception {
    Path card = Files.writeString(dir.resolve("high.model"), ".model high ts (vth=30 vhold=10 ron=300 roff=5000)\n");
    String iv = DATA + "iv_dc_dual_sweep.csv";
    CliHarness.Result r = CliHarness.run("fit", "check", card.toString(), "--iv", iv, "--json", "--no-plot", "--out",
        dir.resolve("check").toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("card_ok").asBoolean()).isFalse();
    String why = j.get("card_problems").get(0).asText();
    assertThat(why).startsWith("iv_dc_dual_sweep.csv: the data switch at 17.60 V, the card does not switch on this sweep")
        .contains("its vth = 30.00 V is above every voltage of the data (largest 21.00 V)")
        .endsWith("; refit it with these files, or with --start/--range vth near the measured threshold");
    assertThat(r.err()).contains("warning: the card does not reproduce the data: " + why);
    CliHarness.Result text = CliHarness.run("fit", "check", card.toString(), "--iv", iv, "--no-plot", "--out",
        dir.resolve("check2").toString());
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).contains("card:").contains("DOES NOT REPRODUCE THE DATA: " + why);
    // a card that switches where the data do is said to
    CliHarness.Result good = CliHarness.run("fit", "check", "../examples/models/vo2-galloni2024.model", "--iv", iv,
        "--json", "--no-plot", "--out", dir.resolve("check3").toString());
    assertThat(good.code()).as(good.err()).isZero();
    JsonNode g = Json.mapper().readTree(good.out());
    assertThat(g.get("card_ok").asBoolean()).as(g.get("card_problems").toString()).isTrue();
    assertThat(good.err()).doesNotContain("does not reproduce");
  }

  /**
   * {@code iv} of round 21's card (tauon 1.5e-10 s against tauoff 0.078 s, fitted to a DC sweep that does not depend on
   * them) stops at once and says where and why: the source's voltage, the step it fell to, the time constants; so does
   * one that would have run for minutes.
   */
  @Test
  void ivOfACardWithSwitchingTimesFarApartSaysWhereAndWhyItStops() throws Exception {
    Path card = Files.writeString(dir.resolve("tsfit.model"), ".model tsfit ts (vth=87.49948707\n+ vhold=25.54088724 "
        + "ron=60924.09404 roff=3576.712231 tauon=1.512958443e-10 tauoff=0.07800159803)\n");
    long t0 = System.nanoTime();
    CliHarness.Result r = CliHarness.run("iv", card.toString(), "--no-plot", "--out", dir.resolve("iv").toString());
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(30);
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err().strip()).doesNotContain("\n").contains("I-V sweep (source 0 -> 131.2 V at 1312 V/s) stopped 0.06667 s"
        + " in, with the source at 87.50 V").contains("the time step fell to 3.03e-11 s against the sweep's 5.00e-05 s")
        .contains("this switch's time constants differ by a factor 5.2e+08 (tauon 1.51e-10 s, tauoff 0.0780 s)");
    assertThat(dir.resolve("iv")).doesNotExist();
    // a switch whose sweep would take minutes (round 21: 110 s to finish) stops at once, naming its time constants
    t0 = System.nanoTime();
    CliHarness.Result slow = CliHarness.run("iv", "ts", "--param", "tauon=1e-7,tauoff=0.1", "--no-plot", "--out",
        dir.resolve("iv").toString());
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
    assertThat(slow.code()).isEqualTo(3);
    assertThat(slow.err().strip()).doesNotContain("\n").contains("with the source at 1.054 V")
        .contains("(tauon 1.00e-07 s, tauoff 0.100 s)");
  }
}
