package org.neuristor.library;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuristor.NeuristorException;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.characterize.IvSweep;

/**
 * Rescales a library circuit's bias to a device that replaces its own ({@code neuron run NAME
 * --device FILE.model --rescale-bias}). A circuit is designed around its device's threshold (Yi's
 * channels are biased about 1 % below it); a device that switches at another voltage needs the bias
 * moved with it. The rule:
 *
 * <pre>
 *   k = V_th,DC(new device) / V_th,DC(circuit's device),     V_bias,new = k V_bias
 * </pre>
 *
 * for every bias source: an independent voltage source other than the input {@code vin} whose value
 * is one {@code .param}, {@code {name}} or {@code {-name}} (a DC rail such as Yi's {@code vdc1},
 * {@code vdc2}). V_th,DC is the threshold of the device alone in a quasi-static DC up-sweep
 * ({@link IvSweep#dc}, continuation, step 1/1000 of the amplitude; the amplitude doubles from 2 V up
 * to {@link IvSweep#MAX_AUTO_AMPLITUDE} until the device switches): the same protocol for both devices,
 * so that the ratio compares like with like. Where the rule cannot apply, an input error says why: no
 * bias source, a device that does not switch, the replaced models' thresholds differing from each other.
 * The input source and every passive part are left as they are.
 */
public final class BiasRescale {
  private BiasRescale() {}

  /**
   * What was rescaled.
   *
   * @param factor k
   * @param originalVth V_th,DC of the circuit's device (V)
   * @param fittedVth V_th,DC of the new device (V)
   * @param params the scaled bias {@code .param}s (name to value in V)
   */
  public record Result(double factor, double originalVth, double fittedVth, Map<String, Double> params) {}

  private static final Pattern BIAS = Pattern.compile("^\\{\\s*-?\\s*([a-z_][a-z0-9_]*)\\s*}$");

  /** The {@code .param} names that set the circuit's DC bias sources (not {@code vin}), in netlist order. */
  public static List<String> biasParameters(NeuronCircuit c) {
    List<String> out = new ArrayList<>();
    for (String line : c.netlist().split("\n")) {
      String[] t = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
      if (t.length == 4 && t[0].startsWith("v") && !t[0].equals("vin")) {
        Matcher m = BIAS.matcher(t[3]);
        if (m.matches() && c.parameters().containsKey(m.group(1)) && !out.contains(m.group(1))) {
          out.add(m.group(1));
        }
      }
    }
    return out;
  }

  /**
   * The bias of circuit {@code c} rescaled to the device of a model file.
   *
   * @param c the library circuit
   * @param modelFileText the model file ({@code .model} cards, e.g. written by {@code fit})
   * @param fileName for messages
   * @param given parameters the user set explicitly (a bias set there is not rescaled: refused)
   */
  public static Result of(NeuronCircuit c, String modelFileText, String fileName, Map<String, String> given) {
    List<String> bias = biasParameters(c);
    if (bias.isEmpty()) {
      throw NeuristorException.input("--rescale-bias: circuit " + c.name() + " has no DC bias source set by a .param "
          + "(only its input vin), so there is no bias to rescale; set the input with --param vin=...");
    }
    for (String b : bias) {
      if (given.containsKey(b)) {
        throw NeuristorException.input("--rescale-bias: --param " + b + " sets a bias that --rescale-bias would "
            + "rescale; give one of them");
      }
    }
    Map<String, String> types = c.modelTypes();
    Map<String, Map<String, Object>> originals = originalModels(c);
    double original = Double.NaN;
    double fitted = Double.NaN;
    for (NeuronCircuit.Replacement r : c.replacements(modelFileText, fileName)) {
      String type = types.get(r.model());
      double vo = threshold(type, DeviceRegistry.resolve(type, originals.get(r.model())),
          "circuit " + c.name() + "'s model " + r.model());
      double vf = threshold(type, r.card().resolved(), fileName + ": model " + r.card().name());
      if (!Double.isNaN(original) && (Math.abs(vo / original - 1) > 1e-9 || Math.abs(vf / fitted - 1) > 1e-9)) {
        throw NeuristorException.input("--rescale-bias: circuit " + c.name() + " replaces models of different "
            + "thresholds, so one bias ratio does not fit them all");
      }
      original = vo;
      fitted = vf;
    }
    double k = fitted / original;
    Map<String, Double> out = new LinkedHashMap<>();
    for (String b : bias) {
      double v = org.neuristor.expr.SpiceNumber.parse(c.parameters().get(b));
      out.put(b, k * v);
    }
    return new Result(k, original, fitted, out);
  }

  /** V_th,DC of a device (V); an input error naming {@code what} when it does not switch. */
  static double threshold(String type, Map<String, Double> params, String what) {
    double amp = 2;
    while (true) {
      IvSweep.Result r = IvSweep.dc(type, params, amp, amp / 1000, 0, 0);
      if (r.positive().switched()) {
        return r.positive().vthVolts();
      }
      if (2 * amp > IvSweep.MAX_AUTO_AMPLITUDE) {
        throw NeuristorException.input("--rescale-bias: " + what + " does not switch in a DC sweep up to "
            + amp + " V (" + r.positive().reason() + "), so it has no threshold to rescale the bias by");
      }
      amp *= 2;
    }
  }

  /** The circuit's own {@code .model} cards: name to parameters as written (a preset by its name). */
  static Map<String, Map<String, Object>> originalModels(NeuronCircuit c) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (String line : c.netlist().split("\n")) {
      String l = line.trim().toLowerCase(Locale.ROOT);
      if (!l.startsWith(".model")) {
        continue;
      }
      String[] tok = l.replace('(', ' ').replace(')', ' ').replaceAll("\\s*=\\s*", "=").trim().split("\\s+");
      Map<String, Object> p = new LinkedHashMap<>();
      for (int k = 3; k < tok.length; k++) {
        int eq = tok[k].indexOf('=');
        if (eq > 0) {
          String key = tok[k].substring(0, eq);
          String val = tok[k].substring(eq + 1);
          String ref = val.startsWith("{") && val.endsWith("}") ? val.substring(1, val.length() - 1) : null;
          if (ref != null && c.parameters().containsKey(ref)) {
            // a value given by the circuit's own .param (the Yi circuits' substrate node: cth2={cth2})
            val = c.parameters().get(ref);
          }
          p.put(key, key.equals("preset") ? val : org.neuristor.expr.SpiceNumber.parse(val));
        }
      }
      out.put(tok[1], p);
    }
    return out;
  }
}
