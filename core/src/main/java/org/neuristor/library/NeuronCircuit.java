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
import org.neuristor.ParameterSpec;
import org.neuristor.measure.SpikeDetector;
import org.neuristor.measure.SpikeFeatures;
import org.neuristor.measure.Trace;

/**
 * A neuron circuit of the library, everything about it declared in one place: a netlist resource
 * with named {@code .param} values, its input source {@code vin} (between {@code in} and ground),
 * the firing device's state and the output node, and how the tools use it: its compact form (the
 * state equations as a {@link CompactKernel}, for networks), the drive of its f-V curve and the
 * largest input tried, and the state whose recovery defines its refractory period.
 *
 * @param name short name used on the command line
 * @param title one-line description
 * @param resource netlist resource in this package
 * @param spikeState device state whose upward crossing of {@code spikeLevel} marks a spike
 * @param output output node voltage, e.g. {@code v(o)}
 * @param membrane membrane node voltage
 * @param spikeLevel level whose upward crossing by {@code spikeState} marks a spike (0.5 for a device
 *     state in [0, 1]; e.g. a temperature in K for a thermal device)
 * @param spikeHysteresis margin around the level, in the state's unit ({@link SpikeDetector}): a crossing
 *     counts once the state goes on to {@code spikeLevel + spikeHysteresis}, and the next only after it has
 *     fallen below {@code spikeLevel - spikeHysteresis}, so a state resting near the level that dips below it
 *     and back is no spike (0.1 for a state in [0, 1]; for a temperature a fifth of the way from the level
 *     down to the devices' base temperature)
 * @param compact how its compact form is built, or null when it has none
 * @param drive the tonic drive of its f-V curve ({@code neuron fi}, {@code neuron compare})
 * @param refractoryState state whose second full spike defines the paired-pulse refractory period
 * @param refractoryPulse the pulse of its paired-pulse refractory protocol, as a {@code --stim} spec ({@code
 *     pulse:amp=4,width=1u}): what {@code neuron run NAME --refractory} runs without {@code --stim} and the Studio's
 *     field starts with; null when the circuit declares none
 */
public record NeuronCircuit(String name, String title, String resource, String spikeState, String output,
    String membrane, double spikeLevel, double spikeHysteresis, Compact compact, Drive drive,
    String refractoryState, String refractoryPulse) {

  /** Builds a circuit's compact form for {@code n} neurons with parameter overrides. */
  @FunctionalInterface
  public interface CompactFactory {
    CompactKernel create(NeuronCircuit circuit, Map<String, String> params, int n);
  }

  /**
   * @param factory builds the kernel from the compiled netlist's values
   * @param settleSeconds relaxation under the input at t = 0 when a kernel is initialized (0: the
   *     circuit starts from zero node voltages, as its full transient does)
   */
  public record Compact(CompactFactory factory, double settleSeconds) {}

  /**
   * @param source input-source specification giving tonic firing ({@code {vin}} for a DC input; null
   *     keeps the circuit's own source)
   * @param params parameter overrides the drive needs (e.g. a longer {@code tstop})
   * @param maxInputVolts largest input of a default f-V sweep (V)
   */
  public record Drive(String source, Map<String, String> params, double maxInputVolts) {
    /** The circuit's own source, inputs up to 4 V. */
    public static final Drive OWN = new Drive(null, Map.of(), 4);
  }

  /**
   * A circuit whose spike state is in [0, 1]: spikes are its upward 0.5 crossings, confirmed at 0.6 and
   * re-armed below 0.4 ({@link SpikeDetector#deviceState()}).
   */
  public NeuronCircuit(String name, String title, String resource, String spikeState, String output,
      String membrane) {
    this(name, title, resource, spikeState, output, membrane, SpikeDetector.STATE_LEVEL,
        SpikeDetector.STATE_HYSTERESIS);
  }

  /** A circuit without a compact form, driven by its own source, refractory by its spike state. */
  public NeuronCircuit(String name, String title, String resource, String spikeState, String output,
      String membrane, double spikeLevel, double spikeHysteresis) {
    this(name, title, resource, spikeState, output, membrane, spikeLevel, spikeHysteresis, null, Drive.OWN,
        spikeState, null);
  }

  /** This circuit with a compact form. */
  public NeuronCircuit withCompact(CompactFactory factory) {
    return withCompact(factory, 0);
  }

  /** This circuit with a compact form that settles for {@code settleSeconds} when initialized. */
  public NeuronCircuit withCompact(CompactFactory factory, double settleSeconds) {
    return new NeuronCircuit(name, title, resource, spikeState, output, membrane, spikeLevel, spikeHysteresis,
        new Compact(factory, settleSeconds), drive, refractoryState, refractoryPulse);
  }

  /** This circuit with another f-V drive. */
  public NeuronCircuit withDrive(String source, Map<String, String> params, double maxInputVolts) {
    return new NeuronCircuit(name, title, resource, spikeState, output, membrane, spikeLevel, spikeHysteresis,
        compact, new Drive(source, Map.copyOf(params), maxInputVolts), refractoryState, refractoryPulse);
  }

  /** This circuit with another refractory criterion state. */
  public NeuronCircuit withRefractoryState(String state) {
    return new NeuronCircuit(name, title, resource, spikeState, output, membrane, spikeLevel, spikeHysteresis,
        compact, drive, state, refractoryPulse);
  }

  /** This circuit with another pulse for its paired-pulse refractory protocol ({@code pulse:amp=A,width=W}). */
  public NeuronCircuit withRefractoryPulse(String spec) {
    return new NeuronCircuit(name, title, resource, spikeState, output, membrane, spikeLevel, spikeHysteresis,
        compact, drive, refractoryState, spec);
  }

  /** Whether the circuit has a compact form. */
  public boolean hasCompact() {
    return compact != null;
  }

  /** This circuit's spike detector: upward crossings of {@link #spikeLevel}, re-armed {@link #spikeHysteresis} below it. */
  public SpikeDetector spikeDetector() {
    return new SpikeDetector(spikeLevel, spikeHysteresis);
  }

  /** Spike times of a run of this circuit: {@link #spikeDetector()} on {@link #spikeState}. */
  public double[] spikes(Trace t) {
    return spikeDetector().detect(t, spikeState);
  }

  /** Spike features of a run of this circuit (physics.md 4.0 circuit convention, {@link #spikeDetector()}). */
  public SpikeFeatures features(Trace t) {
    return SpikeFeatures.of(t, spikeState, output, spikeDetector());
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

  /**
   * Device overrides that apply the {@code .model} cards of a model file (e.g. a fitted device, read
   * by {@link org.neuristor.fit.ModelCard#parseAll}: {@code .model NAME TYPE (key=value ...)},
   * {@code +} continuations, {@code *} comments) to this circuit: each of the circuit's {@code .model}
   * cards of the same type gets every parameter of the file's card, defaults included (so that a
   * preset on the circuit's card cannot leak into the fitted device), as {@code model.key} overrides
   * for {@link #netlist(Map, String)}.
   *
   * @param fileName used in error messages
   */
  public Map<String, String> deviceOverrides(String modelFileText, String fileName) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Replacement r : replacements(modelFileText, fileName)) {
      r.card().resolved().forEach((k, v) -> out.put(r.model() + "." + k, Double.toString(v)));
    }
    return out;
  }

  /**
   * A card of a model file that replaces one of this circuit's {@code .model} cards (same device type).
   *
   * @param model the circuit's {@code .model} name
   * @param card the model file's card
   */
  public record Replacement(String model, org.neuristor.fit.ModelCard card) {}

  /**
   * Every pairing of a model file's card with a {@code .model} card of this circuit of the same type, in the
   * file's order; an input error when the file has no card of a type this circuit uses.
   *
   * @param fileName used in error messages
   */
  public List<Replacement> replacements(String modelFileText, String fileName) {
    List<Replacement> out = new ArrayList<>();
    Map<String, String> types = modelTypes();
    for (org.neuristor.fit.ModelCard card : org.neuristor.fit.ModelCard.parseAll(modelFileText, fileName)) {
      for (Map.Entry<String, String> t : types.entrySet()) {
        if (t.getValue().equals(card.type())) {
          out.add(new Replacement(t.getKey(), card));
        }
      }
    }
    if (out.isEmpty()) {
      throw NeuristorException.input(fileName + ": no .model of a device type circuit " + name + " uses ("
          + String.join(", ", new java.util.LinkedHashSet<>(types.values())) + ")");
    }
    return out;
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
    for (org.neuristor.ParameterSpec p : org.neuristor.device.DeviceRegistry.type(type).parameters()) {
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
   * neurons, architecture section 4) with the given parameter overrides, its drive the circuit's own
   * input source; see {@link CompactKernel}.
   */
  public CompactKernel compact(int n, Map<String, String> params) {
    if (compact == null) {
      throw NeuristorException.input("circuit " + name + " has no compact form (compact forms: "
          + String.join(", ", NeuronLibrary.all().stream().filter(NeuronCircuit::hasCompact).map(NeuronCircuit::name)
              .toList()) + ")");
    }
    if (n < 1) {
      throw NeuristorException.input("compact " + name + ": need at least one neuron, got " + n);
    }
    return compact.factory().create(this, params, n).drive(CompactForms.input(this, params))
        .settleOnInitialize(compact.settleSeconds());
  }
}
