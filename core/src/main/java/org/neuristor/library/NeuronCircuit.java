package org.neuristor.library;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuristor.NeuristorException;

/**
 * A neuron circuit of the library: a netlist resource with named {@code .param} values, its input
 * source {@code vin} (between {@code in} and ground), the firing device's state and the output node.
 *
 * @param name short name used on the command line
 * @param title one-line description
 * @param resource netlist resource in this package
 * @param spikeState device state whose upward 0.5 crossing marks a spike
 * @param output output node voltage, e.g. {@code v(o)}
 * @param membrane membrane node voltage
 * @param spikeLevel level whose upward crossing by {@code spikeState} marks a spike (0.5 for a device
 *     state in [0, 1]; e.g. a temperature in K for a thermal device)
 */
public record NeuronCircuit(String name, String title, String resource, String spikeState, String output,
    String membrane, double spikeLevel) {

  /** A circuit whose spikes are upward 0.5 crossings of {@code spikeState}. */
  public NeuronCircuit(String name, String title, String resource, String spikeState, String output,
      String membrane) {
    this(name, title, resource, spikeState, output, membrane, 0.5);
  }

  /** Spike features of a run of this circuit (physics.md 4.0 circuit convention, at {@link #spikeLevel}). */
  public org.neuristor.analysis.SpikeFeatures features(org.neuristor.analysis.Trace t) {
    return org.neuristor.analysis.SpikeFeatures.of(t, spikeState, output, spikeLevel);
  }

  /** The netlist text as shipped. */
  public String netlist() {
    try (InputStream in = NeuronCircuit.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing library resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code .param} names and default values written in the netlist. */
  public Map<String, String> parameters() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String line : netlist().split("\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith(".param")) {
        Matcher m = Pattern.compile("(\\w+)\\s*=\\s*(\\S+)").matcher(line);
        while (m.find()) {
          out.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
      }
    }
    return out;
  }

  /** The {@code .model} names of the netlist, in order. */
  public List<String> models() {
    return new ArrayList<>(modelTypes().keySet());
  }

  /** {@code .model} name to device type, in order. */
  public Map<String, String> modelTypes() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String line : netlist().split("\n")) {
      String[] t = line.trim().split("[\\s(]+");
      if (t.length >= 3 && t[0].equalsIgnoreCase(".model")) {
        out.put(t[1].toLowerCase(Locale.ROOT), t[2].toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** The parameter names a model of this type accepts, or null when the device registry does not know it. */
  private static java.util.Set<String> deviceKeys(String type) {
    if (!org.neuristor.device.DeviceRegistry.has(type)) {
      return null;
    }
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    keys.add("preset");
    for (org.neuristor.device.ParameterSpec p : org.neuristor.device.DeviceRegistry.type(type).parameters()) {
      keys.add(p.name().toLowerCase(Locale.ROOT));
    }
    return keys;
  }

  /**
   * The netlist with parameters overridden and, if given, the input source replaced.
   *
   * <p>A name listed in {@link #parameters()} overrides that {@code .param}. Any other name is a
   * device parameter: {@code model.key} sets {@code key} on that {@code .model} card, a bare
   * {@code key} sets it on every {@code .model} card (e.g. {@code vth} of the threshold switch);
   * the device model then validates it like any netlist model parameter.
   *
   * @param params name to value (SPICE syntax)
   * @param inputSource a source specification such as {@code pulse(0 2 0 1n 1n 5u 10u)}, or null
   */
  public String netlist(Map<String, String> params, String inputSource) {
    Map<String, String> known = parameters();
    Map<String, String> types = modelTypes();
    List<String> lines = new ArrayList<>(List.of(netlist().split("\n")));
    StringBuilder extra = new StringBuilder();
    Map<String, Map<String, String>> device = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      String k = e.getKey().toLowerCase(Locale.ROOT);
      if (known.containsKey(k)) {
        extra.append(".param ").append(k).append('=').append(e.getValue()).append('\n');
        continue;
      }
      int dot = k.indexOf('.');
      String model = dot > 0 ? k.substring(0, dot) : null;
      String key = dot > 0 ? k.substring(dot + 1) : k;
      List<String> targets = new ArrayList<>();
      for (Map.Entry<String, String> m : types.entrySet()) {
        java.util.Set<String> keys = deviceKeys(m.getValue());
        if ((model == null || model.equals(m.getKey())) && (keys == null ? model != null : keys.contains(key))) {
          targets.add(m.getKey());
        }
      }
      if (targets.isEmpty() || !key.matches("[a-z_][a-z0-9_]*")) {
        StringBuilder dev = new StringBuilder();
        for (Map.Entry<String, String> m : types.entrySet()) {
          java.util.Set<String> keys = deviceKeys(m.getValue());
          if (keys != null) {
            dev.append("; device parameters of ").append(m.getKey()).append(" (").append(m.getValue()).append("): ")
                .append(String.join(", ", keys));
          }
        }
        throw NeuristorException.input("circuit " + name + " has no parameter '" + k + "'; parameters: "
            + String.join(", ", known.keySet()) + dev);
      }
      for (String m : targets) {
        device.computeIfAbsent(m, x -> new java.util.LinkedHashMap<>()).put(key, e.getValue());
      }
    }
    // overrides go right after the last .param line, so that .model lines (evaluated where they
    // stand) see them too
    int lastParam = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().toLowerCase(Locale.ROOT).startsWith(".param")) {
        lastParam = i;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String l = line.trim().toLowerCase(Locale.ROOT);
      if (inputSource != null && l.startsWith("vin ")) {
        sb.append("vin in 0 ").append(inputSource).append('\n');
        continue;
      }
      if (lastParam < 0 && l.equals(".end")) {
        sb.append(extra);
      }
      String[] t = l.split("\\s+");
      if (t.length >= 2 && t[0].equals(".model") && device.containsKey(t[1])) {
        StringBuilder over = new StringBuilder();
        for (Map.Entry<String, String> d : device.get(t[1]).entrySet()) {
          over.append(' ').append(d.getKey()).append('=').append(d.getValue());
        }
        int close = line.lastIndexOf(')');
        line = close >= 0 ? line.substring(0, close) + over + line.substring(close) : line + over;
      }
      sb.append(line).append('\n');
      if (i == lastParam) {
        sb.append(extra);
      }
    }
    return sb.toString();
  }

  /**
   * The compact form of this circuit (its state equations as a population kernel of {@code n}
   * neurons, architecture section 4) with the given parameter overrides; see {@link CompactForms}.
   */
  public CompactNeuron compact(int n, Map<String, String> params) {
    return CompactForms.of(this, params, n);
  }
}
