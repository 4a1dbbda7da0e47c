package org.neuristor.io;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.neuristor.ParameterSpec;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.ModelType;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.neuron.Method;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.NeuronModel;

/**
 * The reference tables of {@code docs/parameters.md}, generated from the declarations the code
 * validates against (device types, biological models, library circuits), so the docs cannot drift
 * from the defaults. A test compares the shipped file with this text.
 */
public final class ParameterDocs {
  private ParameterDocs() {}

  /** The whole document (markdown). */
  public static String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Parameters of every device, neuron model and library circuit\n\n");
    sb.append("Generated from the declarations the code validates against (each device class's `TYPE`, each\n");
    sb.append("model's `ModelDescriptor`, each circuit's entry in `NeuronLibrary`); do not edit by hand. After\n");
    sb.append("changing a declaration, regenerate with\n");
    sb.append("`mvn -B -o -pl core test -Dtest=ParameterDocsTest -Dneuristor.regenerate=true`.\n\n");
    sb.append("## Device types (`N` lines, `.model NAME TYPE (...)`; `./neuristor device describe TYPE`)\n\n");
    sb.append("Units SI. Spread: how `d2d_v` (normal, relative) and `d2d_r` (log-normal) perturb a parameter.\n");
    for (ModelType t : DeviceRegistry.types()) {
      sb.append("\n### `").append(t.type()).append("`: ").append(t.description()).append("\n\n");
      sb.append("Reference: ").append(t.reference()).append(".\n\n");
      sb.append("| parameter | unit | default | range | spread | description |\n|---|---|---|---|---|---|\n");
      for (ParameterSpec p : t.parameters()) {
        sb.append(row(p.name(), p.unit(), ParameterSpec.fmt(p.defaultValue()),
            "[" + ParameterSpec.fmt(p.min()) + ", " + ParameterSpec.fmt(p.max()) + "]",
            p.spread() == ParameterSpec.Spread.NONE ? "" : p.spread().name().toLowerCase(Locale.ROOT), p.description()));
      }
      sb.append("\nPresets:\n\n");
      for (Map.Entry<String, Map<String, Double>> e : t.presets().entrySet()) {
        sb.append("* `").append(e.getKey()).append("`");
        if (!e.getValue().isEmpty()) {
          sb.append(':');
          new TreeMap<>(e.getValue()).forEach((k, v) -> sb.append(' ').append(k).append('=').append(ParameterSpec.fmt(v)));
        } else {
          sb.append(": the defaults");
        }
        sb.append('\n');
      }
    }
    sb.append("\n## Biological neuron models (`./neuristor model describe MODEL`)\n\n");
    sb.append("Units of the published equations (the kernels convert to SI once).\n");
    for (ModelKind k : ModelKind.values()) {
      NeuronModel m = NeuronModel.of(k);
      sb.append("\n### `").append(k.cliName()).append("`: ").append(k.title()).append("\n\n");
      sb.append("Reference: ").append(k.reference()).append(". Input current unit: ").append(k.currentUnit())
          .append(" (kernel input: ").append(k.currentSiUnit()).append(").\n\n");
      sb.append("| parameter | unit | default | range | description |\n|---|---|---|---|---|\n");
      for (ParameterSpec p : k.parameters()) {
        sb.append(row(p.name(), p.unit(), ParameterSpec.fmt(p.defaultValue()),
            "[" + ParameterSpec.fmt(p.min()) + ", " + ParameterSpec.fmt(p.max()) + "]", p.description()));
      }
      sb.append("\nMethods (first is the default; default dt ").append(ParameterSpec.fmt(k.defaultDtMs()))
          .append(" ms):");
      for (Method meth : k.methods()) {
        double max = k.maxDtMs(meth, m);
        sb.append(' ').append('`').append(meth.cliName()).append("` dt <= ")
            .append(Double.isInfinite(max) ? "any" : ParameterSpec.fmt(max) + " ms").append(';');
      }
      sb.setLength(sb.length() - 1);
      String unit = k.currentUnit().equals("1") ? "" : " " + k.currentUnit();
      sb.append(".\nDefault stimulus of `model run`: ").append(ParameterSpec.fmt(k.descriptor().defaultStimulusAmplitude()))
          .append(unit).append(" from 10 ms; `model fi` inputs up to ")
          .append(ParameterSpec.fmt(k.descriptor().fiMaxInput())).append(unit).append(".\n");
    }
    sb.append("\n## Library circuits (`./neuristor neuron show NAME`; `circuit: NAME` in network files)\n\n");
    sb.append("| circuit | spike | compact form | f-V drive, max input | refractory criterion, paired-pulse pulse | `.param` defaults |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (NeuronCircuit c : NeuronLibrary.all()) {
      StringBuilder ps = new StringBuilder();
      c.parameters().forEach((k, v) -> ps.append(ps.length() == 0 ? "" : " ").append(k).append('=').append(v));
      sb.append(row("`" + c.name() + "`", c.spikeState() + " up through " + ParameterSpec.fmt(c.spikeLevel()) + " on to "
          + ParameterSpec.fmt(c.spikeLevel() + c.spikeHysteresis()) + ", re-armed below "
          + ParameterSpec.fmt(c.spikeLevel() - c.spikeHysteresis()),
          c.hasCompact() ? (c.compact().settleSeconds() > 0 ? "yes (settles " + ParameterSpec.fmt(
              c.compact().settleSeconds() * 1e6) + " us first)" : "yes") : "no",
          (c.drive().source() == null ? "own source" : "`" + c.drive().source() + "`") + ", "
              + ParameterSpec.fmt(c.drive().maxInputVolts()) + " V",
          c.refractoryState() + (c.refractoryPulse() == null ? "" : ", `" + c.refractoryPulse() + "`"),
          ps.toString()));
    }
    return sb.toString();
  }

  private static String row(String... cells) {
    StringBuilder sb = new StringBuilder("|");
    for (String c : cells) {
      sb.append(' ').append(c.replace("|", "\\|")).append(" |");
    }
    return sb.append('\n').toString();
  }
}
