package org.neuristor.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuristor.circuit.element.BehavioralSource.Probe;
import org.neuristor.expr.Expression;

/**
 * The ngspice subcircuit body of {@link SpiceExport} in LTspice's and Verilog-A's language. Each B source's expression
 * is parsed with the project's {@link Expression} parser and its tree printed in the target dialect, fully
 * parenthesised, so the equations are the ngspice export's, term for term. What differs between the dialects:
 *
 * <pre>
 *   ngspice          LTspice              Verilog-A
 *   pow(x, y) = |x|^y   abs(x)**y         pow(abs(x), y)      (LTspice's ^ is XOR; its pow() of x &lt; 0 is 0)
 *   sgn(x)           sgn(x)               (x &gt; 0 ? 1 : (x &lt; 0 ? -1 : 0))
 *   bx 0 x I = f     the same             I(x) &lt;+ -(f)
 *   bv a 0 V = f     the same             V(a) &lt;+ f
 *   cx x 0 1         the same             I(x) &lt;+ ddt(V(x))
 *   .ic v(x)=x0      the same             in the operating point I(x) &lt;+ V(x) - x0 instead of x's flow terms
 * </pre>
 *
 * Anything else the exporter would write (a function, an operator or an element these dialects have no counterpart
 * for) stops with an {@link IllegalStateException}: a programming error, never silently written.
 */
final class ExportDialects {
  private ExportDialects() {}

  private static final Pattern B = Pattern.compile("^(b\\S*) (\\S+) (\\S+) ([IV]) = (.*)$");
  private static final Pattern C = Pattern.compile("^(c\\S*) (\\S+) (\\S+) (\\S+)(?: ic=(\\S+))?$");
  private static final Pattern IC = Pattern.compile("v\\((\\S+?)\\)=(\\S+)");

  /** Functions written the same in ngspice's, LTspice's and Verilog-A's expressions. */
  private static final Set<String> COMMON = Set.of("exp", "ln", "sqrt", "abs", "min", "max", "sin", "cos", "tan", "asin",
      "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "floor", "ceil", "atan2", "hypot");

  /** The subcircuit body (element lines between .subckt and .ends) in LTspice's dialect. */
  static String ltspiceBody(String ngspiceBody) {
    StringBuilder sb = new StringBuilder();
    for (String line : ngspiceBody.split("\n")) {
      Matcher b = B.matcher(line);
      if (b.matches()) {
        sb.append(b.group(1)).append(' ').append(b.group(2)).append(' ').append(b.group(3)).append(' ').append(b.group(4))
            .append('=').append(Expression.parse(b.group(5)).visit(new Printer(false))).append('\n');
      } else if (line.startsWith("*") || C.matcher(line).matches() || line.startsWith(".ic ") || line.startsWith(".nodeset ")) {
        sb.append(line).append('\n');
      } else {
        throw new IllegalStateException("no LTspice form for the export line '" + line + "'");
      }
    }
    return sb.toString();
  }

  /**
   * The module's declarations and analog block for the subcircuit body: internal nodes (every node other than the pins
   * and ground, in order of appearance) and each element's contribution. A node held by {@code .ic} takes
   * {@code I(x) <+ V(x) - x0} in place of its flow terms while {@code analysis("static")} (every operating point,
   * as ngspice's .ic and Neuristor's own DC analyses hold it), its capacitor's {@code ddt} term always (0 there).
   * {@code .nodeset} and a capacitor's {@code ic=} (ngspice uses it only with uic) have no Verilog-A form and are
   * named in a comment.
   */
  static String verilogABody(String ngspiceBody) {
    Set<String> nodes = new LinkedHashSet<>();
    Map<String, String> held = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    Map<String, String> starts = new LinkedHashMap<>();
    List<String[]> elements = new ArrayList<>(); // {node of a grounded flow term or null, contribution}
    for (String line : ngspiceBody.split("\n")) {
      Matcher b = B.matcher(line);
      Matcher c = C.matcher(line);
      if (b.matches()) {
        String expr = Expression.parse(b.group(5)).visit(new Printer(true));
        String p = b.group(2);
        String n = b.group(3);
        node(nodes, p);
        node(nodes, n);
        if (b.group(4).equals("V")) {
          if (p.equals("0")) {
            // pair() drops the ground, so "b 0 a V=f" would print V(a) <+ f, the wrong sign: no exporter writes it
            throw new IllegalStateException("a voltage B source from ground to " + n + ": write it as " + n + " 0");
          }
          elements.add(new String[] {null, "V(" + pair(p, n) + ") <+ " + expr + ";"});
        } else if (p.equals("0")) {
          elements.add(new String[] {n, "I(" + n + ") <+ -" + expr + ";"});
        } else {
          elements.add(new String[] {n.equals("0") ? p : null, "I(" + pair(p, n) + ") <+ " + expr + ";"});
        }
      } else if (c.matches()) {
        String p = c.group(2);
        String n = c.group(3);
        node(nodes, p);
        node(nodes, n);
        String cap = c.group(4).equals("1") ? "" : c.group(4) + "*";
        elements.add(new String[] {null, "I(" + pair(p, n) + ") <+ " + cap + "ddt(V(" + pair(p, n) + "));"});
        if (c.group(5) != null) {
          starts.put(pair(p, n), c.group(5));
        }
      } else if (line.startsWith(".ic ")) {
        Matcher m = IC.matcher(line);
        while (m.find()) {
          held.put(m.group(1), m.group(2));
        }
      } else if (line.startsWith(".nodeset ")) {
        notes.add("nodeset " + line.substring(".nodeset ".length()));
      } else if (line.startsWith("*")) {
        elements.add(new String[] {null, "//" + line.substring(1)});
      } else {
        throw new IllegalStateException("no Verilog-A form for the export line '" + line + "'");
      }
    }
    starts.forEach((node, v) -> {
      if (!held.containsKey(node)) {
        notes.add(0, "V(" + node + ") = " + v + " (ic=, under uic)");
      }
    });
    StringBuilder sb = new StringBuilder();
    if (!nodes.isEmpty()) {
      sb.append("  electrical ").append(String.join(", ", nodes)).append(";\n");
    }
    if (!notes.isEmpty()) {
      sb.append("  // not written (no Verilog-A form): ")
          .append(String.join(", ", notes)).append('\n');
    }
    sb.append("  analog begin\n");
    for (String[] e : elements) {
      if (e[0] != null && held.containsKey(e[0])) {
        sb.append("    if (analysis(\"static\"))\n      I(").append(e[0]).append(") <+ V(").append(e[0]).append(") - ")
            .append(held.get(e[0])).append(";  // held at its initial value in the operating point (ngspice: .ic)\n")
            .append("    else\n      ").append(e[1]).append('\n');
      } else {
        sb.append("    ").append(e[1]).append('\n');
      }
    }
    sb.append("  end\n");
    return sb.toString();
  }

  private static void node(Set<String> nodes, String node) {
    if (!node.equals("0") && !node.equals("p") && !node.equals("n")) {
      nodes.add(node);
    }
  }

  private static String pair(String p, String n) {
    return p.equals("0") ? n : n.equals("0") ? p : p + ", " + n;
  }

  /** An expression tree printed in LTspice's or Verilog-A's dialect, every operation in parentheses. */
  private record Printer(boolean verilogA) implements Expression.Visitor<String> {
    @Override
    public String number(double value) {
      if (!Double.isFinite(value)) {
        throw new IllegalStateException("the export wrote the number " + value);
      }
      String s = SpiceExport.num(value);
      return value < 0 ? "(" + s + ")" : s;
    }

    @Override
    public String name(String name) {
      if (name.equals("pi")) {
        return verilogA ? "`M_PI" : "pi";
      }
      throw new IllegalStateException("the export wrote the name '" + name + "'");
    }

    @Override
    public String probe(Probe probe) {
      if (probe.kind() != Probe.Kind.VOLTAGE) {
        throw new IllegalStateException("the export wrote the current probe " + probe);
      }
      return "V(" + (probe.b().equals("0") ? probe.a() : probe.a() + "," + probe.b()) + ")";
    }

    @Override
    public String apply(String op, List<String> a) {
      return switch (op) {
        case "+", "-", "*", "/", "<", "<=", ">", ">=" -> "(" + a.get(0) + op + a.get(1) + ")";
        case "neg" -> "(-" + a.get(0) + ")";
        // ngspice's pow is |x|^y; LTspice's pow() and ** give 0 for x < 0 and a fractional y, and its ^ is XOR
        case "pow" -> verilogA ? "pow(abs(" + a.get(0) + ")," + a.get(1) + ")" : "(abs(" + a.get(0) + ")**" + a.get(1) + ")";
        case "sgn" -> verilogA ? "((" + a.get(0) + ">0) ? 1 : ((" + a.get(0) + "<0) ? -1 : 0))" : "sgn(" + a.get(0) + ")";
        default -> {
          if (!COMMON.contains(op)) {
            throw new IllegalStateException("no " + (verilogA ? "Verilog-A" : "LTspice") + " form for '" + op + "'");
          }
          yield op + "(" + String.join(",", a) + ")";
        }
      };
    }
  }
}
