package org.neuristor.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NeuristorException;
import org.neuristor.measure.SpikeFeatures;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.characterize.IvSweep;
import org.neuristor.io.LocatedTree;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.library.Protocols;
import org.neuristor.netlist.CircuitCompiler;
import org.neuristor.network.Network;
import org.neuristor.network.NetworkFile;
import org.neuristor.neuron.Method;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.ModelRun;
import org.neuristor.neuron.NeuronModel;
import org.neuristor.neuron.Noise;
import org.neuristor.neuron.Stimulus;

/** The sweepable jobs: one per CLI simulation command, each calling the same core code as the command. */
public final class Jobs {
  private Jobs() {}

  /** A number as SPICE text, exact to the last bit. */
  static String spice(double v) {
    return String.format(Locale.ROOT, "%.17g", v);
  }

  /**
   * What {@link PointJob#checkParameter} returns for a check that tries the name: the check's own answer
   * (null: fine), or the message of the error it raised.
   */
  private static String problem(java.util.function.Supplier<String> check) {
    try {
      return check.get();
    } catch (NeuristorException | IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /**
   * What {@link PointJob#checkValue} returns for a netlist job: the error of {@code compile} (which compiles the job's
   * netlist with the parameter at the value given as text and returns its error, or null) at {@code text}, where
   * the same value as a plain number compiles; null otherwise (an error that is not the unit's is the point's).
   */
  private static String unitProblem(String text, java.util.function.Function<String, String> compile) {
    String written = compile.apply(text);
    return written == null || compile.apply(spice(org.neuristor.expr.SpiceNumber.parse(text,
        org.neuristor.expr.SpiceNumber.ANY_UNIT))) != null ? null : written;
  }

  /** The netlist error {@code compile} raises (without its position in a file the user may not see), or null. */
  private static String netlistError(Runnable compile) {
    try {
      compile.run();
      return null;
    } catch (org.neuristor.NetlistException e) {
      return e.detail();
    } catch (NeuristorException | IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static Map<String, String> spiceText(Map<String, String> fixed, Map<String, Double> params) {
    Map<String, String> p = new LinkedHashMap<>(fixed);
    for (Map.Entry<String, Double> e : params.entrySet()) {
      p.put(e.getKey().toLowerCase(Locale.ROOT), spice(e.getValue()));
    }
    return p;
  }

  /**
   * {@code neuron run CIRCUIT}: a library circuit with circuit {@code .param}s and device parameters
   * ({@code vth} or {@code model.vth}); results are the spike features of {@code neuron run} plus
   * {@code phase}: 0 silent, 1 a single spike, 2 repetitive (tonic) spiking (two spikes or more).
   */
  public record NeuronJob(String circuit, String stim, Map<String, String> fixed) implements PointJob {
    static final List<String> OUT = List.of("spikes", "phase", "rate_hz", "amplitude_V", "width_s", "latency_s",
        "energy_per_spike_J", "response_V");

    public NeuronJob {
      Protocols.parameters(NeuronLibrary.get(circuit), fixed); // values and names checked before any point runs
      if (stim != null) {
        Protocols.stimulus(stim, 1);
      }
      fixed = Map.copyOf(fixed);
    }

    @Override
    public String describe() {
      return "neuron run " + circuit;
    }

    @Override
    public List<String> outputs() {
      return OUT;
    }

    @Override
    public String checkParameter(String name) {
      return problem(() -> {
        NeuronLibrary.get(circuit).netlist(Map.of(name, "1"), null);
        return null;
      });
    }

    @Override
    public String checkValue(String name, String text) {
      NeuronCircuit c = NeuronLibrary.get(circuit);
      return unitProblem(text, v -> netlistError(() -> {
        Map<String, String> p = new LinkedHashMap<>(fixed);
        p.put(name, v);
        CircuitCompiler.compile(c.netlist(Protocols.parameters(c, p), null), c.name() + ".cir");
      }));
    }

    @Override
    public Map<String, Double> run(Map<String, Double> params, long seed) {
      NeuronCircuit c = NeuronLibrary.get(circuit);
      Map<String, String> p = spiceText(Protocols.parameters(c, fixed), params);
      String tstop = p.getOrDefault("tstop", c.parameters().getOrDefault("tstop", "1u"));
      String source = stim == null ? null : Protocols.stimulus(stim,
          org.neuristor.expr.SpiceNumber.parse(tstop));
      Protocols.Measured m = Protocols.measure(c, p, source);
      SpikeFeatures f = m.features();
      Map<String, Double> r = new LinkedHashMap<>();
      int n = f.spikeTimes().length;
      r.put("spikes", (double) n);
      r.put("phase", (double) Math.min(n, 2));
      r.put("rate_hz", f.rateHz());
      // a spike's amplitude and width only when there is a spike; the response is measured always
      r.put("amplitude_V", n > 0 ? f.amplitudeVolts() : Double.NaN);
      r.put("width_s", n > 0 ? f.widthSeconds() : Double.NaN);
      r.put("latency_s", f.latencySeconds());
      r.put("energy_per_spike_J", m.energyPerSpikeJoules());
      r.put("response_V", f.amplitudeVolts());
      return r;
    }
  }

  /**
   * {@code iv DEVICE}: quasi-static triangle sweep of a device (type, preset or type:preset); results
   * are the positive-branch figures, the negative half's V_th and V_hold, the same half swept alone on a
   * fresh device, and {@code neg_history} 1 when the two differ ({@link IvSweep.Result#history}), as
   * {@code iv} prints them. The device's variability draws use the point seed.
   */
  public record IvJob(String device, double amp, double rate, double seriesOhm, double complianceAmps,
      Map<String, String> fixed) implements PointJob {
    static final List<String> OUT = List.of("switched", "vth_V", "vhold_V", "ron_ohm", "roff_ohm", "window_V",
        "vset_V", "vreset_V", "relaxation_s", "vth_neg_V", "vhold_neg_V", "vth_neg_fresh_V", "vhold_neg_fresh_V", "neg_history");

    public IvJob {
      DeviceRegistry.Selection sel = DeviceRegistry.lookup(device);
      fixed = Map.copyOf(fixed);
      // the fixed parameters are checked before any point runs
      DeviceRegistry.resolve(sel.type().type(), params(sel, fixed, Map.of()));
    }

    @Override
    public String describe() {
      return "iv " + device;
    }

    @Override
    public List<String> outputs() {
      return OUT;
    }

    @Override
    public String checkParameter(String name) {
      return problem(() -> {
        DeviceRegistry.Selection sel = DeviceRegistry.lookup(device);
        Map<String, Double> base = DeviceRegistry.resolve(sel.type().type(), params(sel, fixed, Map.of()));
        if (!base.containsKey(name.toLowerCase(Locale.ROOT))) {
          return sel.type().type() + ": unknown parameter '" + name + "' (known: " + String.join(", ", base.keySet())
              + ")";
        }
        return null;
      });
    }

    @Override
    public String unit(String name) {
      for (org.neuristor.ParameterSpec p : DeviceRegistry.lookup(device).type().parameters()) {
        if (p.name().equalsIgnoreCase(name)) {
          return p.unit();
        }
      }
      return org.neuristor.expr.SpiceNumber.ANY_UNIT;
    }

    /** The device's parameters: its preset, the fixed values, then the point's values. */
    private static Map<String, Object> params(DeviceRegistry.Selection sel, Map<String, String> fixed,
        Map<String, Double> values) {
      Map<String, Object> p = new LinkedHashMap<>();
      if (sel.preset() != null) {
        p.put("preset", sel.preset());
      }
      p.putAll(fixed);
      for (Map.Entry<String, Double> e : values.entrySet()) {
        p.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
      }
      return p;
    }

    @Override
    public Map<String, Double> run(Map<String, Double> values, long seed) {
      DeviceRegistry.Selection sel = DeviceRegistry.lookup(device);
      Map<String, Object> p = params(sel, fixed, values);
      Map<String, Double> resolved = DeviceRegistry.resolve(sel.type().type(), p);
      java.util.function.Supplier<org.neuristor.circuit.Element> dev =
          () -> DeviceRegistry.create(sel.type().type(), "dut", List.of("a", "0"), p, seed);
      // iv's own sweep: the negative half also alone on a fresh device, a half that ended ON held to see it relax
      IvSweep.Result res = IvSweep.sweep(dev, resolved, amp > 0 ? amp : Double.NaN, rate, seriesOhm, complianceAmps);
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("switched", res.positive().switched() ? 1.0 : 0.0);
      out.put("vth_V", res.positive().vthVolts());
      out.put("vhold_V", res.positive().vholdVolts());
      out.put("ron_ohm", res.positive().ronOhm());
      out.put("roff_ohm", res.positive().roffOhm());
      out.put("window_V", res.positive().windowVolts());
      out.put("vset_V", res.positive().vsetVolts());
      out.put("vreset_V", res.positive().vresetVolts());
      out.put("relaxation_s", res.positive().relaxationSeconds());
      out.put("vth_neg_V", res.negative().vthVolts());
      out.put("vhold_neg_V", res.negative().vholdVolts());
      out.put("vth_neg_fresh_V", res.negativeFresh().vthVolts());
      out.put("vhold_neg_fresh_V", res.negativeFresh().vholdVolts());
      out.put("neg_history", res.history() == null ? 0.0 : 1.0);
      return out;
    }
  }

  /**
   * {@code model run MODEL}: a biological point neuron (parameters in the unit of {@code model
   * describe}); the noise, if any, is seeded with the point seed.
   */
  public record ModelJob(String model, List<String> stims, double durationMs, double dtMs, String method,
      List<String> noises) implements PointJob {
    static final List<String> OUT = java.util.stream.Stream.concat(
        java.util.stream.Stream.of("spikes", "rate_hz", "cv_isi", "latency_s"), ModelRun.OSCILLATION_KEYS.stream())
        .toList();

    public ModelJob {
      ModelKind kind = ModelKind.parse(model);
      stims = List.copyOf(stims);
      noises = List.copyOf(noises);
      ModelRun.stimulus(stims, kind);
      ModelRun.noise(noises, kind);
      if (method != null) {
        Method.parse(method);
      }
    }

    @Override
    public String describe() {
      return "model run " + model;
    }

    @Override
    public List<String> outputs() {
      return OUT;
    }

    @Override
    public String checkParameter(String name) {
      return problem(() -> {
        NeuronModel.of(ModelKind.parse(model)).with(Map.of(name, NeuronModel.of(ModelKind.parse(model)).get(name)));
        return null;
      });
    }

    @Override
    public String unit(String name) {
      return ModelKind.parse(model).parameter(name).unit();
    }

    @Override
    public Map<String, Double> run(Map<String, Double> params, long seed) {
      ModelKind k = ModelKind.parse(model);
      NeuronModel m = NeuronModel.of(k).with(params);
      Method meth = method == null ? k.defaultMethod() : Method.parse(method);
      double dt = Double.isNaN(dtMs) ? k.defaultDtMs() : dtMs;
      Stimulus stim = ModelRun.stimulus(stims, k);
      Noise noise = ModelRun.noise(noises, k);
      ModelRun r = ModelRun.run(m, stim, durationMs, dt, meth, noise, seed);
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("spikes", (double) r.result().spikeTimesSeconds().length);
      out.put("rate_hz", r.features().rateHz());
      out.put("cv_isi", r.features().cv());
      out.put("latency_s", r.features().latencySeconds());
      // the membrane's oscillation below the spike level, as model run prints it (empty cells when there is none)
      Map<String, Double> osc = r.oscillationValues();
      ModelRun.OSCILLATION_KEYS.forEach(key -> out.put(key, osc.getOrDefault(key, Double.NaN)));
      return out;
    }
  }

  /**
   * {@code run NETLIST}: a netlist's first analysis with {@code .param} overrides; results are
   * reductions of a saved signal: {@code max:S}, {@code min:S}, {@code final:S}, {@code mean:S}
   * (sample mean), {@code spikes:S} (upward crossings of 0.5, for device states such as {@code n1.x},
   * confirmed at 0.6, re-armed below 0.4: {@link SpikeFeatures#crossings(Trace, String)}),
   * {@code rate:S} (those crossings per second of the analysis span) and {@code meas:NAME} (the netlist's
   * {@code .meas} NAME, after all its analyses; empty when the measured event did not happen).
   */
  public record NetlistJob(String file, String text, Map<String, String> fixed, List<String> reductions)
      implements PointJob {
    static final List<String> KINDS = List.of("max", "min", "final", "mean", "spikes", "rate", "meas");

    public NetlistJob {
      fixed = Map.copyOf(fixed);
      reductions = List.copyOf(reductions);
    }

    /** Why a result name is not a reduction, or null. */
    static String checkReduction(String r) {
      int c = r.indexOf(':');
      if (c <= 0 || c == r.length() - 1 || !KINDS.contains(r.substring(0, c))) {
        return "netlist results are KIND:SIGNAL with KIND one of " + String.join(", ", KINDS) + ", e.g. max:v(o)";
      }
      return null;
    }

    @Override
    public String describe() {
      return "run " + file;
    }

    @Override
    public List<String> outputs() {
      return reductions;
    }

    @Override
    public String checkParameter(String name) {
      return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? null : "'" + name + "' is not a .param name";
    }

    @Override
    public String checkValue(String name, String text) {
      return unitProblem(text, v -> netlistError(() -> {
        Map<String, String> p = new LinkedHashMap<>(fixed);
        p.put(name.toLowerCase(Locale.ROOT), v);
        compile(p);
      }));
    }

    /** The netlist with {@code .param} lines for {@code params} before its {@code .end}, compiled. */
    private CircuitCompiler.Compiled compile(Map<String, String> params) {
      StringBuilder extra = new StringBuilder();
      for (Map.Entry<String, String> e : params.entrySet()) {
        extra.append(".param ").append(e.getKey()).append('=').append(e.getValue()).append('\n');
      }
      StringBuilder sb = new StringBuilder();
      boolean ended = false;
      for (String line : text.split("\n", -1)) {
        if (!ended && line.trim().equalsIgnoreCase(".end")) {
          sb.append(extra);
          ended = true;
        }
        sb.append(line).append('\n');
      }
      if (!ended) {
        sb.append(extra);
      }
      // .include paths are relative to the netlist's folder, as for ./neuristor run
      Path netlist = Path.of(file);
      Path dir = netlist.toAbsolutePath().getParent();
      return CircuitCompiler.compile(sb.toString(), netlist.getFileName().toString(), dir);
    }

    @Override
    public Map<String, Double> run(Map<String, Double> params, long seed) {
      CircuitCompiler.Compiled cc = compile(spiceText(fixed, params));
      if (cc.analyses().isEmpty()) {
        throw NeuristorException.input(file + ": no analysis (.op, .dc or .tran) in the netlist");
      }
      Map<String, Double> measured = new LinkedHashMap<>();
      if (reductions.stream().anyMatch(r -> r.startsWith("meas:"))) {
        for (org.neuristor.netlist.control.Measurement m
            : org.neuristor.netlist.DeckRunner.run(cc, org.neuristor.netlist.DeckRunner.Options.defaults()).measurements()) {
          measured.put(m.name(), m.value() == null ? Double.NaN : m.value());
        }
      }
      // a point keeps only the signals its reductions read (a netlist's .save list names more); without a
      // .save list every default signal is kept, so that a reduction naming none of them fails as it does in run
      List<String> saves = new ArrayList<>();
      for (String r : reductions) {
        String sig = r.substring(r.indexOf(':') + 1);
        if (!r.startsWith("meas:") && !saves.contains(sig)) {
          saves.add(sig);
        }
      }
      if (cc.saves().isEmpty() || saves.isEmpty()) {
        saves = cc.saves();
      }
      // the reductions read the rows as a transient records them: the point keeps no trace (SignalReductions)
      List<String> reduced = reductions.stream().filter(r -> !r.startsWith("meas:")).toList();
      SignalReductions streamed = new SignalReductions(reduced);
      Analysis.Outcome o = Simulation.run(cc.circuit(), cc.analyses().get(0), saves, null, 1, false, streamed);
      SignalReductions red = o.analysis() instanceof Analysis.Tran ? streamed : SignalReductions.of(reduced, o.trace());
      Map<String, Double> out = new LinkedHashMap<>();
      for (String r : reductions) {
        String sig = r.substring(r.indexOf(':') + 1);
        if (r.startsWith("meas:")) {
          if (!measured.containsKey(sig.toLowerCase(java.util.Locale.ROOT))) {
            throw NeuristorException.input(file + ": no .meas named '" + sig + "' (measured: "
                + String.join(", ", measured.keySet()) + ")");
          }
          out.put(r, measured.get(sig.toLowerCase(java.util.Locale.ROOT)));
        } else {
          out.put(r, red.value(r, file));
        }
      }
      return out;
    }
  }

  /**
   * {@code network run FILE}: a network file with values replaced at dotted paths (the varied
   * parameters and the fixed overrides, e.g. {@code populations.exc.V_th}); one thread per point.
   * Results: {@code POP.rate_hz} and {@code POP.spikes} per population.
   */
  public record NetworkJob(String file, String text, Map<String, String> fixed, List<String> populations)
      implements PointJob {
    public NetworkJob {
      fixed = Map.copyOf(fixed);
      populations = List.copyOf(populations);
    }

    /** The population names of a network file's text. */
    static List<String> populations(String file, String text) {
      LocatedTree.Node root = LocatedTree.parse(file, text, file.toLowerCase(Locale.ROOT).endsWith(".json"));
      LocatedTree.Node p = root.isMap() ? root.get("populations") : null;
      return p == null || !p.isMap() ? List.of() : List.copyOf(p.map.keySet());
    }

    @Override
    public String describe() {
      return "network run " + file;
    }

    @Override
    public List<String> outputs() {
      List<String> o = new ArrayList<>();
      for (String p : populations) {
        o.add(p + ".rate_hz");
        o.add(p + ".spikes");
      }
      return o;
    }

    @Override
    public String checkParameter(String name) {
      return problem(() -> {
        LocatedTree.parse(file, text, file.toLowerCase(Locale.ROOT).endsWith(".json")).withScalar(name, "0");
        return null;
      });
    }

    @Override
    public String unit(String name) {
      return NetworkFile.unit(file, text, name);
    }

    @Override
    public Map<String, Double> run(Map<String, Double> params, long seed) {
      Map<String, String> o = new LinkedHashMap<>(fixed);
      for (Map.Entry<String, Double> e : params.entrySet()) {
        o.put(e.getKey(), spice(e.getValue()));
      }
      NetworkFile.Loaded l = NetworkFile.parse(file, text, file.toLowerCase(Locale.ROOT).endsWith(".json"), 1, o);
      Network net = l.network();
      try {
        net.runSteps(Math.round(l.durationSeconds() / net.dt()), null);
        Map<String, Double> out = new LinkedHashMap<>();
        for (Network.PopulationStats s : net.stats()) {
          out.put(s.name() + ".rate_hz", s.rateHz());
          out.put(s.name() + ".spikes", (double) s.spikes());
        }
        return out;
      } finally {
        net.close();
      }
    }
  }
}
