package org.neuristor.behaviour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuristor.NeuristorException;
import org.neuristor.measure.FiringPattern;

/**
 * The 23 behaviour protocols, read once from the data file {@code behaviours.yaml} in this package
 * (times in units of the natural time scale, levels in units of the rheobase or of a calibrated
 * threshold; see {@link Protocol}).
 */
public final class Behaviours {
  private Behaviours() {}

  private static final List<Behaviour> ALL = load();

  /** All behaviours, A..W. */
  public static List<Behaviour> all() {
    return ALL;
  }

  /** The behaviour with letter {@code id} or label {@code name} (case-insensitive). */
  public static Behaviour get(String idOrName) {
    for (Behaviour b : ALL) {
      if (b.id().equalsIgnoreCase(idOrName) || b.name().equalsIgnoreCase(idOrName)) {
        return b;
      }
    }
    throw NeuristorException.input("no behaviour '" + idOrName + "' (A..W or a name such as 'tonic spiking')");
  }

  private static List<Behaviour> load() {
    JsonNode root;
    try (InputStream in = Behaviours.class.getResourceAsStream("behaviours.yaml")) {
      if (in == null) {
        throw new IllegalStateException("missing resource behaviours.yaml");
      }
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("behaviours.yaml: " + e.getMessage(), e);
    }
    List<Behaviour> out = new ArrayList<>();
    for (JsonNode b : root.get("behaviours")) {
      String id = b.get("id").asText();
      FiringPattern expected = pattern(id, b.get("expect").asText());
      Protocol.Unit unit = b.has("unit") ? Protocol.Unit.valueOf(b.get("unit").asText().toUpperCase(Locale.ROOT))
          : Protocol.Unit.RHEOBASE;
      double margin = b.has("margin") ? b.get("margin").asDouble() : 1;
      Pwl probe = b.has("probe") ? pwl(id, b.get("probe")) : null;
      out.add(new Behaviour(id, expected, new Protocol(b.get("duration").asDouble(), pwl(id, b.get("stimulus")), unit,
          margin, probe), b.get("shape").asText(), b.has("note") ? b.get("note").asText() : ""));
    }
    return List.copyOf(out);
  }

  private static FiringPattern pattern(String id, String label) {
    for (FiringPattern p : FiringPattern.values()) {
      if (p.label().equalsIgnoreCase(label)) {
        return p;
      }
    }
    throw new IllegalStateException("behaviours.yaml " + id + ": unknown label '" + label + "'");
  }

  private static Pwl pwl(String id, JsonNode points) {
    double[] t = new double[points.size()];
    double[] v = new double[points.size()];
    for (int k = 0; k < points.size(); k++) {
      JsonNode p = points.get(k);
      if (p.size() != 2) {
        throw new IllegalStateException("behaviours.yaml " + id + ": point " + k + " is not [time, level]");
      }
      t[k] = p.get(0).asDouble();
      v[k] = p.get(1).asDouble();
    }
    return new Pwl(t, v);
  }
}
