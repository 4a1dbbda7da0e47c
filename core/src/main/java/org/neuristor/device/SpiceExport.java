package org.neuristor.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NeuristorException;
import org.neuristor.ParameterSpec;

/**
 * A device model as an ngspice subcircuit of behavioural ({@code B}) sources with its state on
 * capacitors, the form SPICE users write memristor models in:
 *
 * <pre>
 * .subckt NAME p n
 * bi p n I = i(V(p,n), V(x))        device current
 * cx x 0 1                          state x on a 1 F capacitor
 * bx 0 x I = dx/dt(V(p,n), V(x))    so that V(x) obeys the state equation
 * .ends
 * </pre>
 *
 * Each state node carries the name of the native state ({@code nts.x} is {@code v(xnts.x)} of an
 * instance {@code xnts}; see {@link #stateNode}). The equations are those of the native models, with their parameter values
 * written as numbers: the TS-A gate of {@link ThresholdSwitch} (types {@code ts}, {@code diffusive},
 * {@code ots}, with the internal thresholds after the {@code observed} shift, the hold form, the
 * sub-threshold sinh current, the voltage-dependent on-time and a parallel capacitance), the
 * electro-thermal {@link MottMemristor} (state T in kelvin as a node voltage; the latent heat enters
 * as the exact effective heat capacity C_th + L_H u(1-u)/w of its enthalpy form), the
 * {@link Vo2ThermalMemristor} with its hysteresis memory on capacitors ({@link #vo2}), the
 * second-order {@link ProtonicMemristor}, the {@link SynapticMemristor} and the
 * {@link PhaseChangeCell} with its controller on capacitors. Guarded exponentials and softplus are
 * written with {@code min}/{@code max} so that ngspice's trial iterates cannot overflow, as in the
 * native code.
 *
 * <p>What a B source cannot do is refused or named: device-to-device variability ({@code d2d_v},
 * {@code d2d_r} non-zero) and the random draws of {@code pcm} ({@code sigr}, {@code sigg} non-zero)
 * are refused; the cycle-to-cycle parts of the threshold switches ({@code c2c}, {@code sdelay}) are
 * exported at their mean and named in a comment. A parameter this exporter does not know (one a
 * model gains after it was written) is refused unless it is at its default.
 */
public final class SpiceExport {
  private SpiceExport() {}

  /** The types this exporter writes. */
  public static final List<String> TYPES = List.of("ts", "diffusive", "ots", "mott", "vo2", "proton2", "synapse", "pcm");

  /** The parameters each exported type's equations use (the rest must be at their defaults). */
  private static final Map<String, List<String>> EXPORTED = Map.of(
      "vo2", List.of("w", "tc", "beta", "r0", "ea", "gamma", "rm", "cth", "sth", "t0", "tinit", "tmin", "tmax", "alpha",
          "rs", "cth2", "sth2", "cth3", "sth3", "rscale", "tscale", "domains", "tcspread"),
      "proton2", List.of("gmin", "gmax", "v0", "tauc", "tauw", "w0", "kc", "kw", "kfb", "kcons"),
      "synapse", List.of("ron", "roff", "von", "voff", "kon", "koff", "aon", "aoff", "w0", "iv"),
      "pcm", List.of("gc", "lambda", "ua0", "sigr", "uth", "rate", "sigg", "vset", "dv", "tout", "taus", "seed"));

  /** The parameters the export of a type writes (empty for the threshold switches, which export through their gate). */
  static List<String> exported(String type) {
    return EXPORTED.getOrDefault(type, List.of());
  }

  /**
   * The node of the subcircuit that holds a native state (by its label, e.g. {@code x}, {@code t},
   * {@code w}): the label itself, except the pcm's thickness {@code p}, which is {@code pcr} (p is a pin).
   */
  public static String stateNode(String type, String label) {
    return type.equalsIgnoreCase("pcm") && label.equalsIgnoreCase("p") ? "pcr" : label.toLowerCase(Locale.ROOT);
  }

  /**
   * The subcircuit text of a device, for ngspice.
   *
   * @param name subcircuit name
   * @param type device type
   * @param params parameter values (preset and card values; defaults filled in by the registry)
   * @param comments lines written as comments before the subcircuit (provenance)
   */
  public static String subcircuit(String name, String type, Map<String, ?> params, List<String> comments) {
    return export(name, type, params, comments, ExportFormat.NGSPICE);
  }

  /**
   * The device in {@code format}: an ngspice or LTspice subcircuit with the pins {@code p n}, or a Verilog-A module
   * {@code name(p, n)}; the LTspice and Verilog-A forms are the ngspice form's equations in their dialects
   * ({@link ExportDialects}).
   *
   * @param name subcircuit (module) name
   * @param type device type
   * @param params parameter values (preset and card values; defaults filled in by the registry)
   * @param comments lines written as comments before the subcircuit (provenance)
   * @param format the language written
   */
  public static String export(String name, String type, Map<String, ?> params, List<String> comments, ExportFormat format) {
    String t = type.toLowerCase(Locale.ROOT);
    if (!TYPES.contains(t)) {
      throw NeuristorException.input("device type '" + type + "' has no " + format.label() + " export (exportable: "
          + String.join(", ", TYPES) + ")");
    }
    if (format == ExportFormat.VERILOG_A) {
      checkModuleName(name);
    } else {
      checkSubcircuitName(name, format);
    }
    Map<String, Double> p = DeviceRegistry.resolve(t, params);
    refuseUnexported(t, p, DeviceRegistry.type(t).parameters(), format);
    List<String> dropped = new ArrayList<>();
    String body = switch (t) {
      case "ts", "diffusive", "ots" -> gate(name, t, p, dropped);
      case "mott" -> mott(p);
      case "vo2" -> vo2(p);
      case "proton2" -> proton2(p);
      case "synapse" -> synapse(p);
      default -> pcm(p);
    };
    List<String> head = new ArrayList<>(comments);
    for (String d : dropped) {
      head.add("not exported: " + d);
    }
    StringBuilder sb = new StringBuilder();
    if (format == ExportFormat.VERILOG_A) {
      for (String c : head) {
        sb.append("// ").append(c).append('\n');
      }
      sb.append("// usage: Spectre: ahdl_include \"").append(name).append(".va\" and X1 (a b) ").append(name)
          .append("; HSPICE: .hdl \"").append(name).append(".va\" and X1 a b ").append(name).append("   (states: ")
          .append(stateDescription(t, ".")).append(")\n");
      sb.append("`include \"disciplines.vams\"\n\nmodule ").append(name).append("(p, n);\n  inout p, n;\n  electrical p, n;\n")
          .append(ExportDialects.verilogABody(body)).append("endmodule\n");
      return sb.toString();
    }
    for (String c : head) {
      sb.append("* ").append(c).append('\n');
    }
    boolean lt = format == ExportFormat.LTSPICE;
    sb.append("* usage: ").append(lt ? ".lib " + name + ".lib and " : "").append("X1 a b ").append(name).append("   (states: ")
        .append(stateDescription(t, lt ? ":" : ".")).append(")\n");
    sb.append(".subckt ").append(name).append(" p n\n").append(lt ? ExportDialects.ltspiceBody(body) : body)
        .append(".ends ").append(name).append('\n');
    return sb.toString();
  }

  /**
   * A SPICE subcircuit name is one token of a {@code .subckt} line: not empty, no blank, and none of the characters
   * that end or split a token or start an expression ({@code = ( ) , ; ' " { } *}); a name such as "x y" wrote
   * {@code .subckt x y p n}, a subcircuit "x" with the pins "y p n".
   */
  private static void checkSubcircuitName(String name, ExportFormat format) {
    if (name == null || name.isEmpty() || !name.matches("[^\\s=(),;'\"{}*]+")) {
      throw NeuristorException.input(format.label() + ": '" + name + "' is not a subcircuit name (one word: no blank "
          + "and none of = ( ) , ; ' \" { } *); give one with --name");
    }
  }

  /** Verilog-A's identifiers: a letter or _, then letters, digits, _ or $; not a keyword. */
  private static void checkModuleName(String name) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_$]*") || VERILOG_A_KEYWORDS.contains(name)) {
      throw NeuristorException.input("verilog-a: '" + name + "' is not a Verilog-A module name (a letter or _, then "
          + "letters, digits, _ or $, not a Verilog-AMS keyword); give one with --name");
    }
  }

  /**
   * The Verilog-AMS 2.4 keywords (its LRM's annex B), with the names disciplines.vams defines that a module name would
   * collide with: admsXml refuses a module named after any of them (e.g. {@code from}, {@code inf}, {@code exclude}).
   */
  private static final java.util.Set<String> VERILOG_A_KEYWORDS = java.util.Set.of((
      "above abs absdelay absdelta abstol access acos acosh ac_stim aliasparam always analog analysis and asin asinh "
      + "assert assign atan atan2 atanh automatic begin branch buf bufif0 bufif1 case casex casez ceil cell cmos config "
      + "connect connectmodule connectrules continuous cos cosh cross ddt ddt_nature ddx deassign default defparam "
      + "design disable discipline discrete domain driver_update edge else end endcase endconfig endconnectrules "
      + "enddiscipline endfunction endgenerate endmodule endnature endparamset endprimitive endspecify endtable "
      + "endtask event exclude exp final_step flicker_noise floor flow for force forever fork from function generate "
      + "genvar ground highz0 highz1 hypot idt idtmod idt_nature if ifnone incdir include inf initial initial_step "
      + "inout input instance integer join laplace_nd laplace_np laplace_zd laplace_zp large last_crossing liblist "
      + "library limexp ln localparam log macromodule max medium merged min module nand nature negedge net_resolution "
      + "nmos noise_table noise_table_log nor noshowcancelled not notif0 notif1 or output parameter paramset pmos "
      + "posedge potential pow primitive pull0 pull1 pulldown pullup pulsestyle_onevent pulsestyle_ondetect rcmos "
      + "real realtime reg release repeat resolveto rnmos rpmos rtran rtranif0 rtranif1 scalared sin sinh "
      + "showcancelled signed slew small specify specparam split sqrt string strong0 strong1 supply0 supply1 table tan "
      + "tanh task time timer tran tranif0 tranif1 transition tri tri0 tri1 triand trior trireg units unsigned use "
      + "uwire vectored wait wand weak0 weak1 while white_noise wire wor wreal xnor xor zi_nd zi_np zi_zd zi_zp "
      + "electrical thermal voltage current magnetic flux temperature power V I").split(" "));

  /** The states as the instance X1's nodes, named with the hierarchy separator {@code sep}. */
  private static String stateDescription(String t, String sep) {
    String x = "V(X1" + sep;
    return switch (t) {
      case "ts", "diffusive", "ots" -> x + "x) fraction x in [0, 1]";
      case "mott" -> x + "t) temperature in K";
      case "vo2" -> x + "t) film temperature in K";
      case "proton2" -> x + "w) conductance state, " + x + "c) mobile protons";
      case "synapse" -> x + "w) state in [0, 1], 0 = ron";
      default -> x + "pcr) crystallized thickness p in nm, " + x + "s) output spike 0..1";
    };
  }

  /**
   * Refuses what the exported equations would silently drop: device-to-device variability
   * (a sampled device, not a model) and any parameter outside the type's exported list that is not
   * at its declared default (e.g. one a model gained after its exporter was written).
   */
  static void refuseUnexported(String type, Map<String, Double> p, List<ParameterSpec> specs) {
    refuseUnexported(type, p, specs, ExportFormat.NGSPICE);
  }

  /** {@link #refuseUnexported(String, Map, List)}, the format named in the message. */
  static void refuseUnexported(String type, Map<String, Double> p, List<ParameterSpec> specs, ExportFormat format) {
    for (String k : List.of("d2d_v", "d2d_r")) {
      if (p.getOrDefault(k, 0.0) != 0) {
        throw NeuristorException.input(type + ": " + k + " = " + num(p.get(k)) + " (device-to-device variability) cannot be "
            + "exported: a subcircuit is one device; export the sampled values as parameters instead");
      }
    }
    List<String> known = EXPORTED.get(type);
    if (known == null) {
      return;
    }
    for (ParameterSpec s : specs) {
      String k = s.name();
      if (known.contains(k) || k.startsWith("d2d_")) {
        continue;
      }
      double v = p.getOrDefault(k, s.defaultValue());
      if (v != s.defaultValue()) {
        throw NeuristorException.input(type + ": parameter " + k + " = " + num(v) + " has no " + format.label() + " export (only its "
            + "default " + num(s.defaultValue()) + " can be exported; exported parameters: " + String.join(" ", known) + ")");
      }
    }
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
    String x = "V(x)";
    StringBuilder i = new StringBuilder(num(goff) + "*" + v);
    if (i0 > 0) {
      // sinh continued linearly beyond an argument of 40, as the native model
      i.append(" + ").append(num(i0)).append("*").append(sinhCapped("(" + v + "/" + num(va) + ")"));
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
    sb.append("cx x 0 1\n");
    sb.append("bx 0 x I = ").append(u).append("/").append(tau).append('\n');
    return sb.toString();
  }

  private static String mott(Map<String, Double> p) {
    double tamb = p.get("tamb");
    double eaK = p.get("ea") / MottMemristor.K_B_EV;
    double ri0 = p.get("ri0");
    double gm = 1 / p.get("rm");
    double w = p.get("w");
    String t = "V(t)";
    String te = "(20+" + softplus(t + "-20") + ")";
    String arg = "(" + num(-eaK) + "*(1/" + te + "-" + num(1 / tamb) + "))";
    // limexp: exp continued linearly above 80
    String gi = "(" + limexp(arg, 80) + "/" + num(ri0) + ")";
    String uu = logistic("(" + t + "-" + num(p.get("tc")) + ")/" + num(w));
    String gexpr = "(" + uu + "*" + num(gm) + "+(1-" + uu + ")*" + gi + ")";
    StringBuilder sb = new StringBuilder();
    sb.append("bi p n I = ").append(gexpr).append("*V(p,n)\n");
    sb.append("ct t 0 1\n");
    sb.append("bt 0 t I = (").append(gexpr).append("*V(p,n)*V(p,n) - (").append(t).append("-").append(num(tamb))
        .append(")/").append(num(p.get("rth"))).append(")/(").append(num(p.get("cth"))).append("+").append(num(p.get("lh")))
        .append("*").append(uu).append("*(1-").append(uu).append(")/").append(num(w)).append(")\n");
    return sb.toString();
  }

  /** Half-width (K) of the play operator that detects a reversal of dT (native: 0.01 K steps, flip after 0.01-0.02 K). */
  static final double VO2_PLAY = 0.015;

  /**
   * The VO2 thermal memristor with its hysteresis memory held on capacitors (exact equations of
   * {@link Vo2ThermalMemristor}, physics.md 3.3). Per domain k:
   *
   * <pre>
   *   T_k     temperature (state), T_l = clamp(T_k, tmin, tmax) as the native smooth clamp
   *   y_k     play operator on T_l, half-width h = 0.015 K: dy/dt = K (sp(T_l - y - h) - sp(y - T_l - h))
   *   w_H     = S(2 (T_l - y)/s): 1 while T last rose by more than ~h (heating branch), 0 while it fell
   *   (r_H, p_H), (r_C, p_C)   the reversal memory (T_r, T_pr) of the heating and of the cooling branch
   *   tp_B    = p_B P((T_l - r_B)/(p_B + 1e-6)),  g_B = 1/2 + 1/2 tanh(beta (+-w/2 + tc_k - T_l - tp_B))
   *   g       = w_H g_H + (1 - w_H) g_C
   * </pre>
   *
   * While heating, the cooling memory follows the point where a reversal would be taken now,
   * dr_C/dt = K w_H (T_l - r_C) and dp_C/dt = K w_H (tp_H - w - p_C); when the play operator turns,
   * w_H falls to 0 and freezes it. This is the native reversal exactly: the native T_pr =
   * delta w/2 + tc - atanh(2 g_r - 1)/beta - T_r with g_r = g(T_r) on the old branch is
   * tp_old - delta_old w, written without atanh so that no precision is lost near g = 0 or 1; the
   * heating memory likewise while cooling. Both memories exist at once, so switching between them
   * cannot make g jump: at the moment of a reversal g_C(T) = g_H(T). The heating memory starts at
   * p_H = 0 (the native rev = 0: the major branch), held by {@code .ic} through the operating point.
   * What differs from the native model: the reversal is taken when T has fallen (risen) h = 0.015 K
   * from its extremum where the native takes it on the first accepted time point 0.01-0.02 K from
   * its last stored temperature, and the memories follow with the rate K = 1e3 S_th/C_th (a lag of
   * dT/dt / K, near zero at an extremum).
   *
   * <p>Written for ngspice's Newton iteration, which linearises every node: the nodes are the states (T_k, y_k,
   * the memories), the clamp T_l and tp_B (smooth, bounded slopes) and the domain conductances
   * G_k = 1/(K R(T_k; tc_k)), each evaluated in full so that it stays positive and bounded; w_H is written out
   * inside each expression that uses it. Two earlier forms stopped with "timestep too small" once several
   * domains switched (the fitted 8-domain card in a LIF neuron): a node holding R_k, read as 1/V(r_k) (a
   * linearised iterate of R_k, which spans decades across the transition, crossed zero and v_f overflowed), and
   * a node holding w_H (an iterate below 0 anti-damps dr/dt = K w_H (T - r) in the implicit step). The argument
   * x = (T_l - r_B)/(p_B + 1e-6) of P is held softly above -10 (exact for x > -5): a memory taken on the major
   * cooling branch has p_H near -1e-6, where x reaches -1e11 and sin(gamma x) chatters in T (tp_B itself stays
   * below 4 |p_B|), which stopped the round-5 refit of the fitted card in its LIF neuron.
   */
  private static String vo2(Map<String, Double> p) {
    double kr = p.get("rscale");
    double kt = p.get("tscale");
    double w = p.get("w");
    double tc = p.get("tc");
    double beta = p.get("beta");
    double r0 = p.get("r0") * kr;
    double ea = p.get("ea");
    double gamma = p.get("gamma");
    double rm = p.get("rm") * kr;
    double cth = p.get("cth") * kt;
    double sth = p.get("sth") * kt;
    double t0 = p.get("t0");
    double tinit = p.get("tinit") > 0 ? p.get("tinit") : t0;
    double tmin = p.get("tmin");
    double tmax = p.get("tmax");
    double alpha = p.get("alpha");
    double rs = p.get("rs") * kr;
    double cth2 = p.get("cth2") * kt;
    double sth2 = p.get("sth2") * kt;
    double cth3 = cth2 > 0 ? p.get("cth3") * kt : 0;
    double sth3 = p.get("sth3") * kt;
    int domains = (int) Math.round(p.get("domains"));
    double spread = p.get("tcspread");
    org.hipparchus.distribution.continuous.NormalDistribution normal =
        new org.hipparchus.distribution.continuous.NormalDistribution(0, 1);
    double h = VO2_PLAY;
    double sd = h / 20;
    double rate = 1e3 * sth / cth;
    double ck = cth / domains;
    double sk = sth / domains;
    String sink = cth2 > 0 ? "V(t2)" : num(t0);
    StringBuilder sb = new StringBuilder();
    StringBuilder ic = new StringBuilder(".ic");
    StringBuilder nodeset = new StringBuilder(".nodeset");
    StringBuilder gsum = new StringBuilder();
    double tlInit = clampValue(t0 - 0.1, tmin, tmax);
    for (int k = 0; k < domains; k++) {
      String sfx = k == 0 ? "" : Integer.toString(k);
      String tk = k == 0 ? "t" : "td" + k;
      double tck = tc + spread * (domains == 1 ? 0 : normal.inverseCumulativeProbability((k + 0.5) / domains));
      String tl = "V(tl" + sfx + ")";
      // w_H is written out where it is used (never a node of its own): a node's linearised iterate leaves [0, 1], and
      // with w_H < 0 the memory equations dr/dt = K w_H (T - r) are anti-damped in the Newton step
      String wh = logistic("2*(" + tl + "-V(y" + sfx + "))/" + num(sd));
      sb.append("* domain ").append(k).append(": transition centre ").append(num(tck)).append(" K\n");
      sb.append("btl").append(sfx).append(" tl").append(sfx).append(" 0 V = ").append(num(tmin)).append("+0.01*")
          .append(softplus("(V(" + tk + ")-" + num(tmin) + ")/0.01")).append("-0.01*")
          .append(softplus("(V(" + tk + ")-" + num(tmax) + ")/0.01")).append('\n');
      for (String b : List.of("h", "c")) {
        String r = "V(r" + b + sfx + ")";
        String pr = "V(p" + b + sfx + ")";
        // x = (T - r)/(p + 1e-6), softly held above -10 (exact to e^-50 for x > -5): where the memory is nearly
        // empty (p near -1e-6, as after a reversal on the major cooling branch) x runs to -1e11 and sin(gamma x)
        // chatters in T, which stopped ngspice's Newton iteration (trouble with node tph); there tp = p P(x) is
        // below 4 |p| ~ 4e-6 K either way
        String xr = "((" + tl + "-" + r + ")/(" + pr + "+1e-6)+10)/0.1";
        String x = "(-10+0.1*" + softplus(xr) + ")";
        sb.append("btp").append(b).append(sfx).append(" tp").append(b).append(sfx).append(" 0 V = ").append(pr)
            .append("*0.5*(1-sin(").append(num(gamma)).append("*").append(x).append("))*(1+tanh(")
            .append(num(Math.PI * Math.PI)).append("-").append(num(2 * Math.PI)).append("*").append(x).append("))\n");
      }
      String gh = "(0.5+0.5*tanh(" + num(beta) + "*(" + num(w / 2 + tck) + "-" + tl + "-V(tph" + sfx + "))))";
      String gc = "(0.5+0.5*tanh(" + num(beta) + "*(" + num(-w / 2 + tck) + "-" + tl + "-V(tpc" + sfx + "))))";
      String metal = alpha == 0 ? num(rm) : num(rm) + "*exp(" + num(alpha) + "*(" + tl + "-" + num(tc) + "))";
      // G_k = 1/(K R(T_k; tc_k)): the domain carries 1/K of the film. The node holds the conductance, evaluated
      // in full at each iterate (bounded: 0 < G_k < 1/(K R_m)); a node holding R_k, read as 1/V(r), let ngspice's
      // linearised iterates of R_k cross zero when several domains switched together ('timestep too small').
      sb.append("bg").append(sfx).append(" g").append(sfx).append(" 0 V = 1/(").append(num(domains)).append("*(")
          .append(num(r0)).append("*exp(").append(num(ea)).append("/").append(tl).append(")*(").append(wh).append("*")
          .append(gh).append("+(1-").append(wh).append(")*").append(gc).append(")+").append(metal).append("))\n");
      gsum.append(k == 0 ? "" : "+").append("V(g").append(sfx).append(")");
      // the play operator and the two branch memories
      String y = "V(y" + sfx + ")";
      sb.append("cy").append(sfx).append(" y").append(sfx).append(" 0 1 ic=").append(num(tlInit - h)).append('\n');
      sb.append("by").append(sfx).append(" 0 y").append(sfx).append(" I = ").append(num(rate)).append("*(")
          .append(num(h / 20)).append("*").append(softplus("(" + tl + "-" + y + "-" + num(h) + ")/" + num(h / 20)))
          .append("-").append(num(h / 20)).append("*").append(softplus("(" + y + "-" + tl + "-" + num(h) + ")/" + num(h / 20)))
          .append(")\n");
      String[][] mem = {{"rc", wh, tl, num(tinit)}, {"pc", wh, "(V(tph" + sfx + ")-" + num(w) + ")", num(-w)},
          {"rh", "(1-" + wh + ")", tl, num(tlInit)}, {"ph", "(1-" + wh + ")", "(V(tpc" + sfx + ")+" + num(w) + ")", "0"}};
      for (String[] m : mem) {
        String node = m[0] + sfx;
        sb.append("c").append(node).append(' ').append(node).append(" 0 1 ic=").append(m[3]).append('\n');
        sb.append("b").append(node).append(" 0 ").append(node).append(" I = ").append(num(rate)).append("*").append(m[1])
            .append("*(").append(m[2]).append("-V(").append(node).append("))\n");
      }
      ic.append(" v(y").append(sfx).append(")=").append(num(tlInit - h)).append(" v(rh").append(sfx).append(")=")
          .append(num(tlInit)).append(" v(ph").append(sfx).append(")=0 v(rc").append(sfx).append(")=").append(num(tlInit))
          .append(" v(pc").append(sfx).append(")=").append(num(-w));
      nodeset.append(" v(").append(tk).append(")=").append(num(tinit));
    }
    // the film current through the series resistance: i = v G/(1 + R_s G), G = sum G_k; v_f = v/(1 + R_s G) across
    // the film (max(G, 0) only guards a wild iterate: G > 0)
    String g = "(" + gsum + ")";
    String vf = rs == 0 ? "V(p,n)" : "(V(p,n)/(1+" + num(rs) + "*max(" + g + ",0)))";
    for (int k = 0; k < domains; k++) {
      // heat balance of the domain: C_k dT_k/dt = v_f^2 G_k - S_k (T_k - sink)
      String tk = k == 0 ? "t" : "td" + k;
      sb.append("c").append(tk).append(' ').append(tk).append(" 0 1 ic=").append(num(tinit)).append('\n');
      sb.append("b").append(tk).append(" 0 ").append(tk).append(" I = (").append(vf).append("*").append(vf).append("*V(g")
          .append(k == 0 ? "" : Integer.toString(k)).append(")-").append(num(sk)).append("*(V(").append(tk).append(")-")
          .append(sink).append("))/").append(num(ck)).append('\n');
    }
    sb.append("bi p n I = ").append(vf).append("*").append(g).append('\n');
    if (cth2 > 0) {
      String below = cth3 > 0 ? "V(t3)" : num(t0);
      StringBuilder flow = new StringBuilder();
      for (int k = 0; k < domains; k++) {
        flow.append("+").append(num(sk)).append("*(V(").append(k == 0 ? "t" : "td" + k).append(")-V(t2))");
      }
      sb.append("ct2 t2 0 1 ic=").append(num(t0)).append('\n');
      sb.append("bt2 0 t2 I = (").append(flow).append("-").append(num(sth2)).append("*(V(t2)-").append(below).append("))/")
          .append(num(cth2)).append('\n');
      if (cth3 > 0) {
        sb.append("ct3 t3 0 1 ic=").append(num(t0)).append('\n');
        sb.append("bt3 0 t3 I = (").append(num(sth2)).append("*(V(t2)-V(t3))-").append(num(sth3)).append("*(V(t3)-")
            .append(num(t0)).append("))/").append(num(cth3)).append('\n');
      }
    }
    sb.append(ic).append('\n').append(nodeset).append('\n');
    return sb.toString();
  }

  private static double clampValue(double t, double tmin, double tmax) {
    return tmin + 0.01 * Smooth.softplus((t - tmin) / 0.01) - 0.01 * Smooth.softplus((t - tmax) / 0.01);
  }

  /**
   * The second-order {@link ProtonicMemristor} (physics.md 3.6 with the autocatalytic k_fb and
   * consumption k_cons terms): states w and c on capacitors, equations as the native ones (the smooth
   * window and |v| with a = 1 mV, sinh and exp continued linearly beyond 40, c+ only with k_cons).
   */
  private static String proton2(Map<String, Double> p) {
    double gmin = p.get("gmin");
    double gmax = p.get("gmax");
    double v0 = p.get("v0");
    double kfb = p.get("kfb");
    double kcons = p.get("kcons");
    String v = "V(p,n)";
    String sv = logistic(v + "/0.001");
    String win = "((1-V(w))*" + sv + "+V(w)*(1-" + sv + "))";
    String fb = kfb == 0 ? "" : "*" + limexp(num(kfb) + "*V(w)", 40);
    String cp = kcons == 0 ? "V(c)" : "(0.5*(V(c)+sqrt(V(c)*V(c)+1e-6)))";
    String growth = "(" + num(p.get("kw")) + "*" + cp + "*" + sinhCapped("(" + v + "/" + num(v0) + ")") + "*" + win + fb + ")";
    String av = "(sqrt(" + v + "*" + v + "+1e-6)-0.001)";
    StringBuilder sb = new StringBuilder();
    sb.append("bi p n I = (").append(num(gmin)).append("+").append(num(gmax - gmin)).append("*V(w))*").append(v).append('\n');
    sb.append("cw w 0 1 ic=").append(num(p.get("w0"))).append('\n');
    sb.append("bw 0 w I = ").append(growth).append("-(V(w)-").append(num(p.get("w0"))).append(")/").append(num(p.get("tauw")))
        .append('\n');
    sb.append("cc c 0 1 ic=0\n");
    sb.append("bc 0 c I = ").append(num(p.get("kc"))).append("*").append(sinhCapped("(" + av + "/" + num(v0) + ")"))
        .append("-V(c)/").append(num(p.get("tauc")));
    if (kcons != 0) {
      sb.append("-").append(num(kcons)).append("*").append(growth).append("*").append(sv);
    }
    sb.append('\n');
    return sb.toString();
  }

  /**
   * The VTEAM-like {@link SynapticMemristor}: state w on a capacitor held at w0 through the operating
   * point by {@code .ic} (the native DC analyses hold it there: a non-volatile state has no DC
   * equilibrium), the smooth thresholds sp(z) = 0.01 ln(1 + e^(z/0.01)) and both I-V laws.
   */
  private static String synapse(Map<String, Double> p) {
    double ron = p.get("ron");
    double roff = p.get("roff");
    double w0 = p.get("w0");
    String r = p.get("iv") >= 0.5
        ? num(ron) + "*" + limexp(num(Math.log(roff / ron)) + "*V(w)", 60)
        : "max(" + num(ron) + "+" + num(roff - ron) + "*V(w)," + num(0.5 * ron) + ")";
    String a = "(0.01*" + softplus("(V(p,n)/" + num(p.get("voff")) + "-1)/0.01") + ")";
    String b = "(0.01*" + softplus("(V(p,n)/(" + num(p.get("von")) + ")-1)/0.01") + ")";
    StringBuilder sb = new StringBuilder();
    sb.append("bi p n I = V(p,n)/(").append(r).append(")\n");
    sb.append("cw w 0 1 ic=").append(num(w0)).append('\n');
    sb.append("bw 0 w I = ").append(num(p.get("koff"))).append("*pow(").append(a).append(",").append(num(p.get("aoff")))
        .append(")*(1-V(w))-").append(num(p.get("kon"))).append("*pow(").append(b).append(",").append(num(p.get("aon")))
        .append(")*V(w)\n");
    sb.append(".ic v(w)=").append(num(w0)).append('\n');
    return sb.toString();
  }

  /** sinh(z) continued linearly beyond |z| = 40 (as the native Smooth.sinh). */
  private static String sinhCapped(String z) {
    return "(sgn" + z + "*(sinh(min(abs" + z + ",40))+" + num(Math.cosh(40)) + "*max(abs" + z + "-40,0)))";
  }

  /** exp(z) continued linearly above cap (as the native Smooth.limexp). */
  private static String limexp(String z, double cap) {
    return "(exp(min(" + z + "," + num(cap) + "))*(1+max(" + z + "-" + num(cap) + ",0)))";
  }

  /**
   * The {@link PhaseChangeCell} with its controller on capacitors. States p (crystallized thickness,
   * nm) and s (output spike) as the native ones; the controller's discrete memory as nodes:
   *
   * <pre>
   *   b    blocked latch: db/dt = K ((F + L) (1 - b) - S((v_set - 4 dv - v)/dv) b),   U = u_a0 - u_th,
   *        F = S((p - p_r - U)/s_U) (fire), L = S((b - 1/2)/0.02) (the latch holds itself)
   *   p_r  thickness at the last RESET: dp_r/dt = K L (p - p_r)          (follows p once latched)
   *   o    output latch: do/dt = K ((F + S((o - 1/2)/0.02)) (1 - o) - 10 S((tau - t_out)/(t_out/1000)) o)
   *   tau  its timer: dtau/dt = o - K S((0.1 - o)/0.02) tau     (runs while o is set; p is node pcr)
   *   dp/dt = rate S((v - v_set)/dv) (1 - b),   G = G_c exp(-(u_a0 - (p - p_r))/lambda)
   *   ds/dt = (o - s)/t_s
   * </pre>
   *
   * The firing is the native event (p - p_r reaching U: RESET, blocked until the crystallizing
   * pulse ends, an output spike of t_out) taken by a latch of rate K = 1e3 rate/U instead of being
   * located exactly in time. The random draws (RESET spread sigr, growth spread sigg) are refused:
   * a B source has no random stream.
   */
  private static String pcm(Map<String, Double> p) {
    for (String k : List.of("sigr", "sigg")) {
      if (p.get(k) != 0) {
        throw NeuristorException.input("pcm: " + k + " = " + num(p.get(k)) + " draws random numbers, which a B source "
            + "cannot; export with " + k + "=0 (e.g. --param sigr=0,sigg=0: the cell's mean behaviour)");
      }
    }
    double u = p.get("ua0") - p.get("uth");
    double vset = p.get("vset");
    double dv = p.get("dv");
    double rate = p.get("rate");
    double taus = p.get("taus");
    double k = 1e3 * rate / u;
    double su = u * 1e-4;
    String v = "V(p,n)";
    String set = logistic("(V(pcr)-V(pr)-" + num(u) + ")/" + num(su));
    StringBuilder sb = new StringBuilder();
    sb.append("bi p n I = ").append(num(p.get("gc"))).append("*exp(-(").append(num(p.get("ua0"))).append("-(V(pcr)-V(pr)))/")
        .append(num(p.get("lambda"))).append(")*").append(v).append('\n');
    sb.append("cp pcr 0 1 ic=0\n");
    sb.append("bp 0 pcr I = ").append(num(rate)).append("*").append(logistic("(" + v + "-" + num(vset) + ")/" + num(dv)))
        .append("*(1-V(b))\n");
    String latched = logistic("(V(b)-0.5)/0.02");
    sb.append("cb b 0 1 ic=0\n");
    sb.append("bb 0 b I = ").append(num(k)).append("*((").append(set).append("+").append(latched).append(")*(1-V(b))-")
        .append(logistic("(" + num(vset - 4 * dv) + "-" + v + ")/" + num(dv))).append("*V(b))\n");
    sb.append("cpr pr 0 1 ic=0\n");
    sb.append("bpr 0 pr I = ").append(num(k)).append("*").append(latched).append("*(V(pcr)-V(pr))\n");
    // the output spike: latch o set at the firing, held for t_out by the timer tau (which runs while o is set)
    String fire = set;
    double tout = p.get("tout");
    sb.append("co o 0 1 ic=0\n");
    sb.append("bo 0 o I = ").append(num(k)).append("*((").append(fire).append("+").append(logistic("(V(o)-0.5)/0.02"))
        .append(")*(1-V(o))-10*").append(logistic("(V(tau)-" + num(tout) + ")/" + num(tout * 1e-3))).append("*V(o))\n");
    sb.append("ctau tau 0 1 ic=0\n");
    sb.append("btau 0 tau I = V(o)-").append(num(k)).append("*").append(logistic("(0.1-V(o))/0.02")).append("*V(tau)\n");
    sb.append("cs s 0 1 ic=0\n");
    sb.append("bs 0 s I = (V(o)-V(s))/").append(num(taus)).append('\n');
    sb.append(".ic v(pcr)=0 v(pr)=0 v(o)=0 v(tau)=0 v(s)=0\n");
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
