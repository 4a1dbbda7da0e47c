package org.neuristor.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A CMOS neuron or neuromorphic chip to compare the library circuits with, from the data file
 * {@code cmos-neurons.yaml} (physics.md section 5).
 *
 * @param name what it is (design, technology node)
 * @param metric what the energy counts (per spike, per synaptic operation)
 * @param joules the energy (J)
 * @param tag physics.md's status tag: V verified from the source, P quoted second-hand
 * @param source the publication
 */
public record CmosReference(String name, String metric, double joules, String tag, String source) {

  private static final List<CmosReference> ALL = load();

  /** All entries, in file order. */
  public static List<CmosReference> all() {
    return ALL;
  }

  private static List<CmosReference> load() {
    try (InputStream in = CmosReference.class.getResourceAsStream("cmos-neurons.yaml")) {
      if (in == null) {
        throw new IllegalStateException("missing resource cmos-neurons.yaml");
      }
      List<CmosReference> out = new ArrayList<>();
      for (JsonNode n : new ObjectMapper(new YAMLFactory()).readTree(in).get("reference")) {
        out.add(new CmosReference(n.get("name").asText(), n.get("metric").asText(), n.get("joules").asDouble(),
            n.get("tag").asText(), n.get("source").asText()));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new IllegalStateException("cmos-neurons.yaml: " + e.getMessage(), e);
    }
  }
}
