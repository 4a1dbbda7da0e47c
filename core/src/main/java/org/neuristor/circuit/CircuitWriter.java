package org.neuristor.circuit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuristor.circuit.element.Waveform;

/**
 * Writes a circuit built in Java as netlist text that ngspice accepts. Elements without an ngspice
 * equivalent (Neuristor's compact memristor models) are written as comments, and each one adds a
 * warning to {@link Output#warnings()}.
 */
public final class CircuitWriter {
  private CircuitWriter() {}

  /** The netlist text and the warnings for elements ngspice cannot run. */
  public record Output(String text, List<String> warnings) {}

  /**
   * @param analyses extra control lines such as {@code .tran 1n 10u}, written before {@code .end}
   */
  public static Output write(Circuit c, List<String> analyses) {
    StringBuilder sb = new StringBuilder();
    List<String> warnings = new ArrayList<>();
    sb.append(c.title().replace('\n', ' ')).append('\n');
    Set<String> models = new LinkedHashSet<>();
    for (Element e : c.elements()) {
      Element.SpiceCard card = e.toSpice();
      if (card == null) {
        sb.append("* ").append(e.name()).append(' ').append(String.join(" ", e.nodes()))
            .append(" : Neuristor device ").append(e.getClass().getSimpleName()).append(" (no ngspice equivalent)\n");
        warnings.add(e.name() + " (" + e.getClass().getSimpleName() + ") has no ngspice equivalent; written as a comment");
        continue;
      }
      for (String line : card.lines()) {
        sb.append(line).append('\n');
      }
      models.addAll(card.models());
    }
    for (String m : models) {
      sb.append(m).append('\n');
    }
    nodeValues(sb, ".ic", c.initialConditions());
    nodeValues(sb, ".nodeset", c.nodesets());
    SimOptions o = c.options();
    SimOptions d = SimOptions.DEFAULT;
    StringBuilder opts = new StringBuilder();
    if (o.reltol() != d.reltol()) {
      opts.append(" reltol=").append(o.reltol());
    }
    if (o.abstol() != d.abstol()) {
      opts.append(" abstol=").append(o.abstol());
    }
    if (o.vntol() != d.vntol()) {
      opts.append(" vntol=").append(o.vntol());
    }
    if (!o.method().equals(d.method())) {
      opts.append(" method=").append(o.method());
    }
    if (opts.length() > 0) {
      sb.append(".options").append(opts).append('\n');
    }
    for (String a : analyses) {
      sb.append(a).append('\n');
    }
    sb.append(".end\n");
    return new Output(sb.toString(), warnings);
  }

  private static void nodeValues(StringBuilder sb, String card, Map<String, Double> values) {
    if (!values.isEmpty()) {
      sb.append(card);
      for (Map.Entry<String, Double> e : values.entrySet()) {
        sb.append(" v(").append(e.getKey()).append(")=").append(Waveform.trimNumber(e.getValue()));
      }
      sb.append('\n');
    }
  }
}
