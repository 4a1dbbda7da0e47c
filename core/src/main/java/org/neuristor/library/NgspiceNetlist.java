package org.neuristor.library;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuristor.NeuristorException;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.SpiceExport;
import org.neuristor.expr.SpiceNumber;

/**
 * A library circuit as a netlist ngspice runs unchanged: every {@code .model} of a Neuristor device
 * type becomes the B-source subcircuit of {@link SpiceExport}, every {@code N} instance of it an
 * {@code X} instance ({@code nts m o tsw} becomes {@code xnts m o tsw}), and a saved device state
 * ({@code nts.x}) the subcircuit's state node of that name ({@code v(xnts.x)}). Everything else (sources,
 * passives, MOSFETs, {@code .param}, {@code .ic}, {@code .tran}) is already ngspice syntax.
 */
public final class NgspiceNetlist {
  private NgspiceNetlist() {}

  private static final Pattern MODEL = Pattern.compile("(?i)^\\.model\\s+(\\S+)\\s+(\\S+)\\s*\\((.*)\\)\\s*$");
  private static final Pattern KV = Pattern.compile("(\\w+)\\s*=\\s*(\\S+)");

  /** The ngspice netlist of a circuit with parameter overrides and an optional input source (as {@link NeuronCircuit#netlist(Map, String)}). */
  public static String of(NeuronCircuit c, Map<String, String> params, String inputSource) {
    String text = c.netlist(params, inputSource);
    Map<String, String> paramValues = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.trim().toLowerCase(Locale.ROOT).startsWith(".param")) {
        Matcher m = KV.matcher(line);
        while (m.find()) {
          paramValues.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
      }
    }
    Map<String, String> exported = new LinkedHashMap<>(); // model name -> state node meaning
    StringBuilder subckts = new StringBuilder();
    for (String line : text.split("\n")) {
      Matcher m = MODEL.matcher(line.trim());
      if (!m.matches() || !DeviceRegistry.has(m.group(2))) {
        continue;
      }
      String model = m.group(1);
      String type = m.group(2).toLowerCase(Locale.ROOT);
      if (!SpiceExport.TYPES.contains(type)) {
        throw NeuristorException.input("circuit " + c.name() + " uses device type " + type + " (model " + model
            + "), which has no ngspice export (exportable: " + String.join(", ", SpiceExport.TYPES) + ")");
      }
      Map<String, Object> values = new LinkedHashMap<>();
      Matcher kv = KV.matcher(m.group(3));
      while (kv.find()) {
        String k = kv.group(1).toLowerCase(Locale.ROOT);
        String v = kv.group(2);
        if (v.startsWith("{") && v.endsWith("}")) {
          String ref = v.substring(1, v.length() - 1).trim().toLowerCase(Locale.ROOT);
          if (!paramValues.containsKey(ref)) {
            throw NeuristorException.input("circuit " + c.name() + ": model " + model + " parameter " + k + " = " + v
                + " is not a plain .param reference; it cannot be exported");
          }
          v = paramValues.get(ref);
        }
        double d = SpiceNumber.parse(v);
        values.put(k, k.equals("preset") || Double.isNaN(d) ? v : (Object) d);
      }
      subckts.append(SpiceExport.subcircuit(model, type, values, List.of("device model " + model + ": " + line.trim())));
      exported.put(model.toLowerCase(Locale.ROOT), type);
    }
    Map<String, String> instances = new LinkedHashMap<>();
    Map<String, String> types = new LinkedHashMap<>(); // instance -> device type
    StringBuilder sb = new StringBuilder();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String l = line.trim();
      String[] t = l.split("\\s+");
      if (i > 0 && t.length >= 4 && Character.toLowerCase(t[0].charAt(0)) == 'n'
          && exported.containsKey(t[3].toLowerCase(Locale.ROOT))) {
        instances.put(t[0].toLowerCase(Locale.ROOT), "x" + t[0]);
        types.put(t[0].toLowerCase(Locale.ROOT), exported.get(t[3].toLowerCase(Locale.ROOT)));
        sb.append('x').append(l).append('\n');
        continue;
      }
      if (MODEL.matcher(l).matches() && exported.containsKey(t[1].toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (l.equalsIgnoreCase(".end")) {
        sb.append(subckts);
      }
      if (l.toLowerCase(Locale.ROOT).startsWith(".save")) {
        StringBuilder s = new StringBuilder(".save");
        for (String tok : l.substring(5).trim().split("\\s+")) {
          int dot = tok.indexOf('.');
          String inst = dot > 0 ? tok.substring(0, dot).toLowerCase(Locale.ROOT) : null;
          s.append(' ').append(inst != null && instances.containsKey(inst) ? "v(" + instances.get(inst) + "."
              + SpiceExport.stateNode(types.get(inst), tok.substring(dot + 1)) + ")" : tok);
        }
        sb.append(s).append('\n');
        continue;
      }
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  /**
   * The ngspice name of a saved signal of the native circuit: a device state {@code nts.x} of a
   * device of that type becomes {@code v(xnts.x)} (see {@link SpiceExport#stateNode}); other names are kept.
   */
  public static String signal(String nativeName, String type) {
    int dot = nativeName.indexOf('.');
    return dot > 0 && !nativeName.startsWith("v(") && !nativeName.startsWith("i(")
        ? "v(x" + nativeName.substring(0, dot) + "." + SpiceExport.stateNode(type, nativeName.substring(dot + 1)) + ")"
        : nativeName;
  }
}
