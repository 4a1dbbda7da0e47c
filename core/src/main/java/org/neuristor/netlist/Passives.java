package org.neuristor.netlist;

import java.util.List;
import java.util.Map;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.Inductor;
import org.neuristor.circuit.element.ParamTable;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.Temperatures;

/**
 * R, C and L cards as ngspice reads them: {@code name n+ n- [model] [value] [key=value ...]} with the
 * instance parameters m (parallel multiplier), scale, tc1/tc2 (temperature coefficients per K and
 * K^2 from TNOM), temp/dtemp, l/w (with a model: a resistor from its sheet resistance, a capacitor
 * from its area and sidewall capacitance), ic (initial capacitor voltage or inductor current, used
 * with {@code uic}); and the {@code m=} of the enclosing X instances. The element gets the resulting
 * value; R = R0 (1 + tc1 dT + tc2 dT^2) scale / m, C = C0 (...) scale m, L = L0 (...) scale / m.
 */
final class Passives {
  private Passives() {}

  static final ParamTable RES_MODEL = new ParamTable("resistor")
      .add("r", Double.NaN, "Ohm", "default resistance", "res")
      .add("rsh", 0, "Ohm/sq", "sheet resistance")
      .add("narrow", 0, "m", "narrowing per side", "dw")
      .add("short", 0, "m", "shortening per side", "dlr")
      .add("tc1", 0, "1/K", "first-order temperature coefficient", "tc1r")
      .add("tc2", 0, "1/K^2", "second-order temperature coefficient", "tc2r")
      .add("tce", Double.NaN, "%/K", "exponential temperature coefficient")
      .add("defw", 1e-5, "m", "default width", "w")
      .add("l", 0, "m", "default length")
      .add("tnom", Double.NaN, "C", "parameter measurement temperature")
      .ignore("noise analysis is not supported", "kf", "af", "lf", "wf", "ef")
      .ignore("safe-operating-area limits are not checked", "bv_max");

  static final ParamTable CAP_MODEL = new ParamTable("capacitor")
      .add("cap", Double.NaN, "F", "default capacitance", "c")
      .add("cj", 0, "F/m^2", "bottom capacitance per area", "cox")
      .add("cjsw", 0, "F/m", "sidewall capacitance per length", "capsw")
      .add("defw", 1e-5, "m", "default width", "w")
      .add("defl", 0, "m", "default length", "l")
      .add("narrow", 0, "m", "width correction")
      .add("short", 0, "m", "length correction")
      .add("tc1", 0, "1/K", "first-order temperature coefficient")
      .add("tc2", 0, "1/K^2", "second-order temperature coefficient")
      .add("tnom", Double.NaN, "C", "parameter measurement temperature")
      .ignore("safe-operating-area limits are not checked", "bv_max")
      .ignore("only the capacitance is used", "di", "thick", "del");

  private static final List<String> INSTANCE = List.of("r", "c", "l", "resistance", "capacitance", "inductance",
      "m", "scale", "tc", "tc1", "tc2", "tce", "temp", "dtemp", "w", "l", "ic", "ac", "noisy", "noise", "bv_max", "nt");

  /** An expression that makes a resistor behavioural in ngspice-39: it reads a node voltage, a current or the time. */
  private static final java.util.regex.Pattern BEHAVIOURAL = java.util.regex.Pattern.compile(
      "(?i)(\\b[vi]\\s*\\(|\\btime\\b)");

  /**
   * A resistor whose value is an expression of voltages, currents or time ({@code r1 a b r={V(x)}},
   * {@code R='Roff + ... V(q)'}, {@code r1 a b {1k*(1+time)}}), which ngspice-39 turns into the current
   * source {@code I = V(a,b) / (expression)} (inpcom.c); the same here, under the resistor's own name.
   * Null if the card is an ordinary resistor.
   */
  private static Element behavioural(Card c, Expander x, String[] n) {
    for (int j = c.k; j < c.toks.size(); j++) {
      Token t = c.toks.get(j);
      String text = t.text();
      int eq = text.indexOf('=');
      String key = eq > 0 ? text.substring(0, eq).toLowerCase(java.util.Locale.ROOT) : "";
      String value = eq > 0 ? text.substring(eq + 1) : text;
      if (!(key.isEmpty() || key.equals("r") || key.equals("resistance"))
          || !(value.startsWith("{") || value.startsWith("'")) || !BEHAVIOURAL.matcher(value).find()) {
        continue;
      }
      if (c.toks.size() != c.k + 1) {
        Token other = c.toks.get(j == c.k ? c.k + 1 : c.k);
        throw c.errorAt(other, c.name + ": a resistor whose value is an expression of V(), I() or time (a "
            + "behavioural resistor) takes no other parameter, got '" + other.text() + "'");
      }
      int at = t.index() + (eq > 0 ? eq + 1 : 0) + 1; // the expression, inside its braces or quotes
      String inner = value.substring(1, value.length() - (value.length() > 1
          && (value.endsWith("}") || value.endsWith("'")) ? 1 : 0));
      String head = "v(" + c.toks.get(1).text() + "," + c.toks.get(2).text() + ")/(";
      return ElementCards.behaviouralSource(c, x, n, false, head + inner + ")", at - head.length());
    }
    return null;
  }

  static Element parse(Card c, Expander x) {
    char kind = c.kind();
    String what = kind == 'r' ? "resistance" : kind == 'c' ? "capacitance" : "inductance";
    String[] n = c.nodes(2, "2 nodes and a " + what);
    if (kind == 'r') {
      Element b = behavioural(c, x, n);
      if (b != null) {
        return b;
      }
    }
    Model model = null;
    if (c.hasMore() && !c.token().text().contains("=")) {
      Model m = c.frame.scope().model(c.peek());
      if (m != null && List.of("r", "res", "c", "l").contains(m.type())) {
        if (kind == 'l' || (kind == 'r') != (m.type().startsWith("r"))) {
          throw c.errorAt(c.token(), "model " + m.name() + " has type " + m.type() + ", " + c.name + " needs a "
              + (kind == 'r' ? "r" : kind == 'c' ? "c" : "(no) ") + " model");
        }
        c.k++;
        model = c.frame.expander().altered(m);
      }
    }
    double value = c.hasMore() && !c.token().text().contains("=") ? c.value(what, kind == 'r' ? "Ohm" : kind == 'c' ? "F" : "H") : Double.NaN;
    Map<String, Double> inst = c.instanceParameters();
    for (String k : inst.keySet()) {
      if (!INSTANCE.contains(k)) {
        throw c.error(c.name + " has no parameter " + k + " (known: m scale tc1 tc2 temp dtemp l w ic)");
      }
    }
    for (String alias : List.of("r", "c", "l", "resistance", "capacitance", "inductance")) {
      if (inst.containsKey(alias) && !(alias.equals("l") && kind != 'l')) {
        value = inst.get(alias);
      }
    }
    Temperatures temps = x.temperatures();
    double tnom = temps.nominalKelvin();
    double tc1 = inst.getOrDefault("tc1", inst.getOrDefault("tc", 0.0));
    double tc2 = inst.getOrDefault("tc2", 0.0);
    double tce = inst.getOrDefault("tce", Double.NaN);
    ParamTable.Values mv = null;
    if (model != null) {
      mv = x.modelValues(c, model, kind == 'r' ? RES_MODEL : CAP_MODEL);
      tnom = temps.nominal(mv.get("tnom"));
      if (!inst.containsKey("tc1") && !inst.containsKey("tc")) {
        tc1 = mv.get("tc1");
      }
      if (!inst.containsKey("tc2")) {
        tc2 = mv.get("tc2");
      }
      if (kind == 'r' && Double.isNaN(tce) && mv.given("tce")) {
        tce = mv.get("tce");
      }
    }
    if (Double.isNaN(value) && mv != null) {
      if (kind == 'r') {
        double l = inst.getOrDefault("l", mv.get("l"));
        double w = inst.getOrDefault("w", mv.get("defw"));
        value = l * w * mv.get("rsh") > 0 ? (l - 2 * mv.get("short")) / (w - 2 * mv.get("narrow")) * mv.get("rsh")
            : mv.get("r");
      } else {
        double l = inst.getOrDefault("l", mv.get("defl")) - mv.get("short");
        double w = inst.getOrDefault("w", mv.get("defw")) - mv.get("narrow");
        value = mv.given("cap") ? mv.get("cap") : mv.get("cj") * w * l + 2 * mv.get("cjsw") * (l + w);
      }
    }
    if (Double.isNaN(value)) {
      throw c.error(c.name + " needs a " + what);
    }
    double t = temps.instance(inst.getOrDefault("temp", Double.NaN), inst.getOrDefault("dtemp", Double.NaN));
    double dt = t - tnom;
    double factor = !Double.isNaN(tce) ? Math.pow(1.01, tce * dt) : 1 + tc1 * dt + tc2 * dt * dt;
    ElementCards.multiply(inst, c);
    double m = inst.getOrDefault("m", 1.0);
    double scale = inst.getOrDefault("scale", 1.0);
    double ic = inst.getOrDefault("ic", Double.NaN);
    if (kind == 'r' && !Double.isNaN(ic)) {
      throw c.error(c.name + ": a resistor has no ic");
    }
    double v = x.altered(c.name, kind == 'r' ? value * factor * scale / m : kind == 'c' ? value * factor * scale * m
        : value * factor * scale / m);
    if (inst.containsKey("noisy") || inst.containsKey("noise")) {
      x.notedOnce(c, "noisy parameters of resistors have no effect (no noise analysis)");
    }
    if (kind != 'r' && inst.containsKey("ac")) {
      throw c.error(c.name + " has no parameter ac (only a resistor has an AC value)");
    }
    // ngspice's ac=: the resistance .ac uses, scaled as the DC value (restemp.c, resload.c's RESacload)
    double acOhms = inst.containsKey("ac") ? inst.get("ac") * factor * scale / m : v;
    return switch (kind) {
      case 'r' -> c.guarded(() -> new Resistor(c.name, n[0], n[1], v, acOhms));
      case 'c' -> c.guarded(() -> new Capacitor(c.name, n[0], n[1], v, ic));
      default -> c.guarded(() -> new Inductor(c.name, n[0], n[1], v, ic));
    };
  }
}
