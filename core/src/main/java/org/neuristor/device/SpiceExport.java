package org.neuristor.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NeuristorException;

/**
 * A device model as an ngspice subcircuit of behavioural ({@code B}) sources with its state on a
 * capacitor, the form SPICE users write memristor models in:
 *
 * <pre>
 * .subckt NAME p n
 * bi p n I = i(V(p,n), V(s))        device current
 * cs s 0 1                          state s on a 1 F capacitor
 * bs 0 s I = ds/dt(V(p,n), V(s))    so that V(s) obeys the state equation
 * .ends
 * </pre>
 *
 * The equations are those of the native models, with their parameter values written as numbers:
 * the TS-A gate of {@link ThresholdSwitch} (types {@code ts}, {@code diffusive}, {@code ots}, with
 * the internal thresholds after the {@code observed} shift, the hold form, the sub-threshold sinh
 * current, the voltage-dependent on-time and a parallel capacitance), and the electro-thermal
 * {@link MottMemristor} (state T in kelvin as a node voltage; the latent heat enters as the exact
 * effective heat capacity C_th + L_H u(1-u)/w of its enthalpy form). Guarded exponentials and
 * softplus are written with {@code min}/{@code max} so that ngspice's trial iterates cannot
 * overflow, as in the native code.
 *
 * <p>Not exportable, refused with the reason: stochastic parts (cycle-to-cycle redraws
 * {@code c2c}, stochastic delay {@code sdelay}) are dropped with a warning in the text, since a B
 * source has no per-cycle random draw; the {@code vo2} model's hysteresis keeps a reversal memory
 * that is updated between time points (not a function of the present state), which no B source
 * can hold, so {@code vo2} is refused.
 */
public final class SpiceExport {
  private SpiceExport() {}

  /** The types this exporter writes. */
  public static final List<String> TYPES = List.of("ts", "diffusive", "ots", "mott");

  /**
   * The subcircuit text of a device.
   *
   * @param name subcircuit name
   * @param type device type
   * @param params parameter values (preset and card values; defaults filled in by the registry)
   * @param comments lines written as comments before the subcircuit (provenance)
   */
  public static String subcircuit(String name, String type, Map<String, ?> params, List<String> comments) {
    String t = type.toLowerCase(Locale.ROOT);
    Map<String, Double> p = DeviceRegistry.resolve(t, params);
    StringBuilder sb = new StringBuilder();
    for (String c : comments) {
      sb.append("* ").append(c).append('\n');
    }
    List<String> dropped = new ArrayList<>();
    String body = switch (t) {
      case "ts", "diffusive", "ots" -> gate(name, t, p, dropped);
      case "mott" -> mott(p);
      case "vo2" -> throw NeuristorException.input("vo2 cannot be exported as B sources: its hysteresis keeps a "
          + "reversal memory updated between time points, which is not a function of the circuit state (exportable: "
          + String.join(", ", TYPES) + ")");
      default -> throw NeuristorException.input("device type '" + type + "' has no ngspice export (exportable: "
          + String.join(", ", TYPES) + ")");
    };
    for (String d : dropped) {
      sb.append("* not exported: ").append(d).append('\n');
    }
    sb.append("* usage: X1 a b ").append(name).append("   (state: V(X1.s), ")
        .append(t.equals("mott") ? "temperature in K" : "fraction x in [0, 1]").append(")\n");
    sb.append(".subckt ").append(name).append(" p n\n").append(body).append(".ends ").append(name).append('\n');
    return sb.toString();
  }

  private static String gate(String name, String type, Map<String, Double> p, List<String> dropped) {
    ThresholdSwitch dev = (ThresholdSwitch) DeviceRegistry.create(type, name, List.of("p", "n"), p, 1);
    ThresholdSwitch.Gate g = dev.gate();
    boolean hold = p.get("hold") >= 0.5 || type.equals("ots");
    double gon = 1 / g.ron();
    double goff = 1 / g.roff();
    double dl = g.delta();
    double i0 = p.getOrDefault("i0", 0.0);
    double va = p.getOrDefault("va", 1.0);
    double cp = p.get("cp");
    if (p.get("c2c") > 0) {
      dropped.add("c2c = " + num(p.get("c2c")) + " (cycle-to-cycle redraw of V_th, V_hold)");
    }
    if (p.get("sdelay") > 0) {
      dropped.add("sdelay = " + num(p.get("sdelay")) + " (stochastic switching delay)");
    }
    String v = "V(p,n)";
    String a = "abs(V(p,n))";
    String x = "V(s)";
    StringBuilder i = new StringBuilder(num(goff) + "*" + v);
    if (i0 > 0) {
      // sinh continued linearly beyond an argument of 40, as the native model
      String z = "(" + v + "/" + num(va) + ")";
      i.append(" + ").append(num(i0)).append("*sgn").append(z).append("*(sinh(min(abs").append(z).append(",40))")
          .append(" + cosh(40)*max(abs").append(z).append("-40,0))");
    }
    if (hold) {
      double von = p.get("von");
      String h = num(dl) + "*(" + softplus("(" + a + "-" + num(von) + ")/" + num(dl)) + " - " + num(softplus(-von / dl)) + ")";
      i.append(" + ").append(x).append("*").append(num(gon)).append("*").append(h).append("*sgn(").append(v).append(")");
    } else {
      i.append(" + ").append(x).append("*").append(num(gon - goff)).append("*").append(v);
    }
    String xinf = logistic("(" + a + "-" + num(g.vth()) + "+" + num(g.vth() - g.vhold()) + "*" + x + ")/" + num(dl));
    String u = "(" + xinf + "-" + x + ")";
    String ton = num(g.tauOn());
    if (g.v0() > 0) {
      ton = num(g.tauOn()) + "*exp(8*tanh(-(" + a + "-" + num(g.vth()) + ")/" + num(g.v0()) + "/8))";
    }
    String tau = "(" + num(g.tauOff()) + "+(" + ton + "-" + num(g.tauOff()) + ")*" + logistic(u + "/" + num(g.eps())) + ")";
    StringBuilder sb = new StringBuilder();
    sb.append("bi p n I = ").append(i).append('\n');
    if (cp > 0) {
      sb.append("cp p n ").append(num(cp)).append('\n');
    }
    sb.append("cs s 0 1\n");
    sb.append("bs 0 s I = ").append(u).append("/").append(tau).append('\n');
    return sb.toString();
  }

  private static String mott(Map<String, Double> p) {
    double tamb = p.get("tamb");
    double eaK = p.get("ea") / MottMemristor.K_B_EV;
    double ri0 = p.get("ri0");
    double gm = 1 / p.get("rm");
    double w = p.get("w");
    String t = "V(s)";
    String te = "(20+" + softplus(t + "-20") + ")";
    String arg = "(" + num(-eaK) + "*(1/" + te + "-" + num(1 / tamb) + "))";
    // limexp: exp continued linearly above 80
    String gi = "(exp(min(" + arg + ",80))*(1+max(" + arg + "-80,0))/" + num(ri0) + ")";
    String uu = logistic("(" + t + "-" + num(p.get("tc")) + ")/" + num(w));
    String gexpr = "(" + uu + "*" + num(gm) + "+(1-" + uu + ")*" + gi + ")";
    StringBuilder sb = new StringBuilder();
    sb.append("bi p n I = ").append(gexpr).append("*V(p,n)\n");
    sb.append("cs s 0 1\n");
    sb.append("bs 0 s I = (").append(gexpr).append("*V(p,n)*V(p,n) - (").append(t).append("-").append(num(tamb))
        .append(")/").append(num(p.get("rth"))).append(")/(").append(num(p.get("cth"))).append("+").append(num(p.get("lh")))
        .append("*").append(uu).append("*(1-").append(uu).append(")/").append(num(w)).append(")\n");
    return sb.toString();
  }

  /** Logistic 1/(1+exp(-z)) with the exponent bounded (no overflow in either direction). */
  private static String logistic(String z) {
    return "(1/(1+exp(max(min(-(" + z + "),700),-700))))";
  }

  /** Softplus ln(1+e^z) written so that it cannot overflow: max(z,0) + ln(1+e^-|z|). */
  private static String softplus(String z) {
    return "(max(" + z + ",0)+ln(1+exp(-abs(" + z + "))))";
  }

  private static double softplus(double z) {
    return Smooth.softplus(z);
  }

  /** A number at full precision, as ngspice reads it. */
  static String num(double v) {
    String s = Double.toString(v);
    return s.replace("E", "e");
  }
}
