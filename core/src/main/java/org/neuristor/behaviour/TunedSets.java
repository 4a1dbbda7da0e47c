package org.neuristor.behaviour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.neuristor.NeuristorException;
import org.neuristor.library.NeuronLibrary;

/**
 * Per-behaviour parameter sets of a circuit family, read from the data file
 * {@code FAMILY-behaviours.yaml} in this package (today only {@code yi}). Yi et al. (Nat. Commun. 9,
 * 4661 (2018)) measure each behaviour on one of three circuits (tonic, phasic, mixed mode) with its
 * own bias and component values ("see Supplementary Figs. 10-34", one figure per behaviour): a set
 * names the variant and the parameter overrides within its topology (devices unchanged), found by the
 * seeded search of {@code bench/YiSearch}. The behaviour matrix stays one circuit, one set of values;
 * these sets are reported separately ({@code neuron behaviours yi-tuned}, docs/behaviours.md).
 */
public final class TunedSets {
  private TunedSets() {}

  /** The suffix that names a family's tuned sets on the command line ({@code yi-tuned}). */
  public static final String SUFFIX = "-tuned";

  /**
   * One behaviour's circuit.
   *
   * @param id behaviour letter (A..W)
   * @param variant library circuit of the family (null: the behaviour is not reached, see origin)
   * @param params parameter overrides (empty: the circuit's own values)
   * @param origin where the values come from (search seed and candidate, or "netlist values"), or
   *     for a behaviour not reached, why ({@code "not reached: ..."})
   */
  public record Set(String id, String variant, Map<String, String> params, String origin) {
    /** The behaviour. */
    public Behaviour behaviour() {
      return Behaviours.get(id);
    }

    /** The subject: the variant with the overrides. */
    public Subject subject() {
      return Subjects.of(variant, params);
    }

    /** The overrides as {@code k=v, ...}, or {@code "netlist values"} (or "-" when not reached). */
    public String changes() {
      if (variant == null) {
        return "-";
      }
      if (params.isEmpty()) {
        return "netlist values";
      }
      StringBuilder sb = new StringBuilder();
      params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
      return sb.toString();
    }
  }

  /**
   * The outcome of one tuned set: its scale (null when it could not be measured) and outcome.
   *
   * @param set the set
   * @param scale rheobase and time scale of the set's circuit (null if not measurable)
   * @param outcome the behaviour's outcome
   */
  public record Result(Set set, Scale scale, BehaviourRunner.Outcome outcome) {}

  /** Whether {@code name} names a family's tuned sets ({@code yi-tuned}). */
  public static boolean names(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(SUFFIX);
  }

  /** The sets of {@code family} ({@code yi}), one per behaviour, in the order of the file. */
  public static List<Set> of(String family) {
    String f = family.toLowerCase(Locale.ROOT);
    if (f.endsWith(SUFFIX)) {
      f = f.substring(0, f.length() - SUFFIX.length());
    }
    String file = f + "-behaviours.yaml";
    JsonNode root;
    try (InputStream in = TunedSets.class.getResourceAsStream(file)) {
      if (in == null) {
        throw NeuristorException.input("no tuned behaviour sets for '" + family + "' (known: yi-tuned)");
      }
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(file + ": " + e.getMessage(), e);
    }
    List<Set> out = new ArrayList<>();
    for (JsonNode s : root.get("sets")) {
      String id = s.get("id").asText();
      Behaviours.get(id);
      if (!s.has("variant")) {
        out.add(new Set(id, null, Map.of(), "not reached: " + s.get("reason").asText()));
        continue;
      }
      String variant = s.get("variant").asText();
      Map<String, String> known = NeuronLibrary.get(variant).parameters();
      Map<String, String> p = new LinkedHashMap<>();
      if (s.has("params")) {
        s.get("params").fields().forEachRemaining(e -> {
          if (!known.containsKey(e.getKey())) {
            throw new IllegalStateException(file + " " + id + ": " + variant + " has no parameter " + e.getKey());
          }
          p.put(e.getKey(), e.getValue().asText());
        });
      }
      out.add(new Set(id, variant, java.util.Collections.unmodifiableMap(p),
          s.has("origin") ? s.get("origin").asText() : ""));
    }
    return List.copyOf(out);
  }

  /**
   * Runs each behaviour of {@code behaviours} on its own set (in parallel; a behaviour without a set,
   * or whose circuit has no measurable scale, gets an outcome with the reason).
   */
  public static List<Result> run(List<Set> sets, List<Behaviour> behaviours, Consumer<Result> done) {
    Result[] out = new Result[behaviours.size()];
    IntStream.range(0, out.length).parallel().forEach(k -> {
      Behaviour b = behaviours.get(k);
      Set set = sets.stream().filter(s -> s.id().equals(b.id())).findFirst().orElse(null);
      if (set == null || set.variant() == null) {
        out[k] = new Result(set, null, new BehaviourRunner.Outcome(b, null, Double.NaN, null, null,
            set == null ? "no tuned set for behaviour " + b.id() : set.origin()));
      } else {
        Subject s = set.subject();
        try {
          Scale sc = Scale.measure(s);
          out[k] = new Result(set, sc, BehaviourRunner.one(s, sc, b));
        } catch (NeuristorException e) {
          out[k] = new Result(set, null, new BehaviourRunner.Outcome(b, null, Double.NaN, null, null, e.getMessage()));
        }
      }
      if (done != null) {
        synchronized (TunedSets.class) {
          done.accept(out[k]);
        }
      }
    });
    return List.of(out);
  }
}
