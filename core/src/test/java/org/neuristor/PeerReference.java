package org.neuristor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shared fixture for the peer reference data committed under {@code src/test/resources} (ngspice
 * netlists and CSVs, Brian2 and NEURON outputs, each next to the script that regenerates it): read a
 * resource as text or as CSV rows, and pick the values of the rows whose first column matches.
 */
public final class PeerReference {
  private PeerReference() {}

  /** The resource (absolute, e.g. {@code /reference/brian2/coba_brian2_rates.csv}) as UTF-8 text. */
  public static String text(String resource) {
    try (InputStream in = PeerReference.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing peer reference " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CSV rows after the header line, split on commas. */
  public static List<String[]> rows(String resource) {
    String[] lines = text(resource).trim().split("\n");
    List<String[]> out = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      out.add(lines[i].trim().split(","));
    }
    return out;
  }

  /** Column {@code column} (as numbers) of the rows whose first column satisfies {@code key}. */
  public static List<Double> column(String resource, Predicate<String> key, int column) {
    List<Double> out = new ArrayList<>();
    for (String[] r : rows(resource)) {
      if (key.test(r[0])) {
        out.add(Double.parseDouble(r[column]));
      }
    }
    return out;
  }

  /** The second column of the rows whose first column is the number {@code key}. */
  public static List<Double> valuesFor(String resource, double key) {
    return column(resource, s -> Double.parseDouble(s) == key, 1);
  }

  /** The second column of the rows whose first column is {@code key}. */
  public static List<Double> valuesFor(String resource, String key) {
    return column(resource, key::equals, 1);
  }
}
