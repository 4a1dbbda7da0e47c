package org.neuristor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import org.neuristor.io.CsvWriter;
import org.neuristor.library.CmosReference;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.Protocols;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.library.SpikeEnergy;
import org.neuristor.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neuristor neuron energy [NAME...]}: energy per spike (Tellegen-checked), device count and
 * maximum rate of library circuits, at their own scale and scaled to a 1 fF capacitor, next to the
 * CMOS neurons of physics.md section 5 ({@link SpikeEnergy}, {@link CmosReference}).
 */
@JsonKeys({"circuits", "cmos", "nano_capacitance_F", "csv", "plot"})
@Command(name = "energy", mixinStandardHelpOptions = true,
    description = {"Measure the energy per spike of library circuits and compare it with CMOS neurons.",
        "Energy per spike under the circuit's own stimulus (all sources, trapezoidal rule, checked by Tellegen's "
            + "theorem: sources = dissipation + stored energy), static power at rest, the dynamic energy above it, "
            + "device count, the highest steady rate under DC inputs, and the dynamic energy scaled to a 1 fF "
            + "capacitor (R x k, C / k, energies / k), next to CMOS neurons and chips (physics.md 5, with source and "
            + "status tag).",
        "Writes energy.csv and a log-scale bar chart (energy.png)."},
    footer = {"", "Examples:", "  ./neuristor neuron energy", "  ./neuristor neuron energy lif yi --json"})
public final class NeuronEnergyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", arity = "0..*", description = "Library circuits (default: all).")
  List<String> names = new ArrayList<>();

  @Option(names = "--param", paramLabel = "k=v", split = ",", description = "Parameters of the (single) circuit, e.g. rin=20k.")
  List<String> params = new ArrayList<>();

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    List<NeuronCircuit> cs = names.isEmpty() ? NeuronLibrary.all() : names.stream().map(NeuronLibrary::get).toList();
    Map<String, String> given = CliArgs.keyValues(params, "--param");
    if (!given.isEmpty() && cs.size() > 1) {
      throw NeuristorException.input("--param needs a single circuit, got " + cs.size());
    }
    Map<String, String> p = given.isEmpty() ? given : Protocols.parameters(cs.get(0), given); // as neuron run's
    List<SpikeEnergy> es = new ArrayList<>();
    try (ProgressBar bar = output.progress("energy", cs.size())) {
      for (NeuronCircuit c : cs) {
        es.add(SpikeEnergy.measure(c, p));
        bar.step();
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    List<Map<String, Object>> json = new ArrayList<>();
    for (SpikeEnergy e : es) {
      rows.add(Arrays.asList("memristive", e.circuit(), "energy per spike (all sources)", finite(e.energyPerSpike()),
          finite(e.staticPower()), finite(e.dynamicEnergyPerSpike()), e.tellegenError(), e.deviceText(),
          finite(e.maxRateHz()), finite(e.scaledEnergyPerSpike()), scalingNote(e), "measured by this command"));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("circuit", e.circuit());
      m.put("spikes", e.spikes());
      m.put("energy_per_spike_J", e.energyPerSpike());
      m.put("static_power_W", e.staticPower());
      m.put("dynamic_energy_per_spike_J", e.dynamicEnergyPerSpike());
      m.put("tellegen_relative_error", e.tellegenError());
      m.put("devices", e.devices());
      m.put("max_rate_hz", e.maxRateHz());
      m.put("max_rate_input_V", e.maxRateInput());
      m.put("largest_capacitance_F", e.largestCapacitance());
      m.put("scaled_energy_per_spike_J", e.scaledEnergyPerSpike());
      m.put("scaling", scalingNote(e));
      json.add(m);
    }
    List<Map<String, Object>> cmos = new ArrayList<>();
    for (CmosReference r : CmosReference.all()) {
      rows.add(Arrays.asList("CMOS", r.name(), r.metric(), r.joules(), null, null, null, null, null, null, null,
          "[" + r.tag() + "] " + r.source()));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.name());
      m.put("metric", r.metric());
      m.put("energy_J", r.joules());
      m.put("tag", r.tag());
      m.put("source", r.source());
      cmos.add(m);
    }
    Path csv = output.file("energy.csv");
    CsvWriter.writeTable(csv, List.of("kind", "name", "metric", "energy_J", "static_power_W",
        "dynamic_energy_per_spike_J", "tellegen_relative_error", "devices", "max_rate_hz",
        "scaled_energy_per_spike_J", "scaling", "source"), rows);
    Summary s = new Summary();
    if (!output.json()) {
      printTable(output.out(), es);
    } else {
      s.put("circuits", json);
      s.put("cmos", cmos);
    }
    s.put("nano_capacitance_F", SpikeEnergy.NANO_CAPACITANCE);
    s.put("csv", csv.toString());
    if (output.plot()) {
      s.put("plot", plot(es).toString());
    }
    output.print(s);
    return 0;
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  static String scalingNote(SpikeEnergy e) {
    if (!(e.largestCapacitance() > SpikeEnergy.NANO_CAPACITANCE)) {
      return "not scaled: no capacitor above 1 fF (energy set by the devices)";
    }
    return String.format(Locale.ROOT, "R x %.3g, C / %.3g (largest C %.3g F -> 1 fF); devices' own time constants kept",
        e.scale(), e.scale(), e.largestCapacitance());
  }

  private static String joules(double j) {
    if (!Double.isFinite(j)) {
      return "-";
    }
    String[] p = {"J", "mJ", "uJ", "nJ", "pJ", "fJ", "aJ"};
    int k = 0;
    double v = j;
    while (k < p.length - 1 && Math.abs(v) < 1 && v != 0) {
      v *= 1e3;
      k++;
    }
    return String.format(Locale.ROOT, "%.3g %s", v, p[k]);
  }

  private static void printTable(java.io.PrintWriter out, List<SpikeEnergy> es) {
    out.printf(Locale.ROOT, "%-12s %-26s %11s %11s %11s %9s %11s %11s%n", "circuit", "devices", "E/spike",
        "static", "E dyn", "Tellegen", "max rate", "E at 1 fF");
    for (SpikeEnergy e : es) {
      out.printf(Locale.ROOT, "%-12s %-26s %11s %11s %11s %9.1e %11s %11s%n", e.circuit(), e.deviceText(),
          joules(e.energyPerSpike()), e.staticPower() == 0 ? "0 W" : String.format(Locale.ROOT, "%.3g W",
              e.staticPower()), joules(e.dynamicEnergyPerSpike()), e.tellegenError(),
          Double.isFinite(e.maxRateHz()) ? String.format(Locale.ROOT, "%.3g Hz", e.maxRateHz()) : "no DC firing",
          joules(e.scaledEnergyPerSpike()));
    }
    out.println();
    out.println("CMOS (physics.md 5; tag V verified from the source, P quoted second-hand):");
    for (CmosReference r : CmosReference.all()) {
      out.printf(Locale.ROOT, "  %-40s %11s  %-36s [%s] %s%n", r.name(), joules(r.joules()), r.metric(), r.tag(),
          r.source());
    }
    out.println();
    out.println("E/spike: all sources under the circuit's own stimulus; E dyn: minus static power x time per "
        + "spike; E at 1 fF: E dyn / k with R x k, C / k taking the largest capacitor to 1 fF (waveforms kept;"
        + " exact for the TS-A switch, an estimate for thermal, protonic and phase-change devices).");
  }

  private Path plot(List<SpikeEnergy> es) {
    List<Plotter.Bar> bars = new ArrayList<>();
    for (SpikeEnergy e : es) {
      bars.add(new Plotter.Bar(e.circuit() + " (as built)", e.dynamicEnergyPerSpike(), 0));
    }
    for (SpikeEnergy e : es) {
      if (Double.isFinite(e.scaledEnergyPerSpike())) {
        bars.add(new Plotter.Bar(e.circuit() + " (1 fF)", e.scaledEnergyPerSpike(), 1));
      }
    }
    for (CmosReference r : CmosReference.all()) {
      boolean perSpike = r.metric().contains("spike") && !r.metric().contains("synaptic");
      bars.add(new Plotter.Bar(r.name() + " [" + r.tag() + "]", r.joules(), perSpike ? 2 : 3));
    }
    return Plotter.logBars(output.plotFile("energy"), "Energy per spike: memristive neurons vs CMOS",
        "energy (J, log scale)", bars, List.of("memristive, as built (dynamic energy per spike)",
            "memristive, scaled to a 1 fF capacitor", "CMOS neuron, per spike", "CMOS chip, per synaptic operation"));
  }
}
