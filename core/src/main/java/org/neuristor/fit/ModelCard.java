package org.neuristor.fit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.NetlistException;
import org.neuristor.NeuristorException;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.ParameterSpec;
import org.neuristor.io.AtomicFiles;

/**
 * A device model as a SPICE {@code .model} card that any Neuristor netlist can {@code .include}:
 *
 * <pre>
 * * comment lines (provenance)
 * .model NAME TYPE (param=value param=value ...)
 * </pre>
 *
 * Written with every parameter that differs from the type's default, at full precision; read back
 * (first {@code .model} card of a file, {@code +} continuation lines allowed) into a type and the
 * parameter values, validated against the type's declarations.
 *
 * @param name model name
 * @param type device type
 * @param params parameter values (only those written on the card)
 */
public record ModelCard(String name, String type, Map<String, Double> params) {

  public ModelCard {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** A card of the resolved parameters, keeping only those that differ from the type's defaults. */
  public static ModelCard of(String name, String type, Map<String, Double> resolved) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (ParameterSpec p : DeviceRegistry.type(type).parameters()) {
      Double v = resolved.get(p.name());
      if (v != null && v.doubleValue() != p.defaultValue()) {
        out.put(p.name(), v);
      }
    }
    return new ModelCard(name, type, out);
  }

  /** The resolved parameters of the card (defaults filled in, validated). */
  public Map<String, Double> resolved() {
    return DeviceRegistry.resolve(type, params);
  }

  /** The card text with the given comment lines before it. */
  public String text(List<String> comments) {
    StringBuilder sb = new StringBuilder();
    for (String c : comments) {
      sb.append("* ").append(c).append('\n');
    }
    sb.append(".model ").append(name).append(' ').append(type).append(" (");
    int col = sb.length();
    boolean first = true;
    for (Map.Entry<String, Double> e : params.entrySet()) {
      String item = e.getKey() + "=" + number(e.getValue());
      if (!first && col + item.length() > 100) {
        sb.append("\n+ ");
        col = 2;
      } else if (!first) {
        sb.append(' ');
        col++;
      }
      sb.append(item);
      col += item.length();
      first = false;
    }
    sb.append(")\n");
    return sb.toString();
  }

  /** Writes the card atomically. */
  public Path write(Path file, List<String> comments) {
    return AtomicFiles.writeString(file, text(comments));
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%.10g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
        .replaceAll("\\.$", "");
  }

  /** Whether a command-line model argument names a card file rather than a type or preset. */
  public static boolean isFile(String arg) {
    return arg.toLowerCase(Locale.ROOT).endsWith(".model") || arg.contains("/") || arg.contains("\\");
  }

  /** Reads the first {@code .model} card of a file. */
  public static ModelCard read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw NeuristorException.cannotRead("", file, e);
    }
    return parse(text, file.toString());
  }

  /** Parses the first {@code .model} card of a text. */
  public static ModelCard parse(String text, String file) {
    List<ModelCard> all = parseAll(text, file);
    if (all.isEmpty()) {
      throw new NetlistException(file, Math.max(1, text.split("\r\n|\n|\r").length), 1,
          "no .model card: expected '.model NAME TYPE (param=value ...)'");
    }
    return all.get(0);
  }

  /**
   * Parses every {@code .model} card of a text ({@code +} continuation lines, {@code *} comments),
   * each validated against its type's declarations; any other line is an error naming it. This is the
   * one reader of model files: {@code fit check}, every command that takes a device, and a network
   * file's {@code device_file:}.
   */
  public static List<ModelCard> parseAll(String text, String file) {
    String[] lines = text.split("\r\n|\n|\r");
    List<ModelCard> out = new ArrayList<>();
    StringBuilder card = null;
    int at = 0;
    for (int k = 0; k <= lines.length; k++) {
      String l = k < lines.length ? lines[k].strip() : "";
      if (card != null && l.startsWith("+")) {
        card.append(' ').append(l.substring(1));
        continue;
      }
      if (l.startsWith("*") || (l.isEmpty() && k < lines.length)) {
        continue;
      }
      if (card != null) {
        out.add(card(card.toString(), file, at));
        card = null;
      }
      if (k == lines.length) {
        break;
      }
      if (!l.toLowerCase(Locale.ROOT).startsWith(".model")) {
        throw new NetlistException(file, k + 1, 1, "expected '.model NAME TYPE (param=value ...)', got '" + l + "'");
      }
      card = new StringBuilder(l);
      at = k + 1;
    }
    return out;
  }

  private static ModelCard card(String text, String file, int at) {
    String c = text.replace('(', ' ').replace(')', ' ').replaceAll("\\s*=\\s*", "=");
    String[] tok = c.trim().split("\\s+");
    if (tok.length < 3) {
      throw new NetlistException(file, at, 1, ".model needs a name and a type");
    }
    String type = tok[2].toLowerCase(Locale.ROOT);
    if (!DeviceRegistry.has(type)) {
      throw new NetlistException(file, at, 1, "model type '" + tok[2] + "' is not a Neuristor device type");
    }
    Map<String, Double> params = new LinkedHashMap<>();
    for (int k = 3; k < tok.length; k++) {
      int eq = tok[k].indexOf('=');
      if (eq <= 0) {
        throw new NetlistException(file, at, 1, "expected param=value, got '" + tok[k] + "'");
      }
      String key = tok[k].substring(0, eq).toLowerCase(Locale.ROOT);
      String val = tok[k].substring(eq + 1);
      double v = org.neuristor.expr.SpiceNumber.parse(val);
      if (Double.isNaN(v)) {
        throw new NetlistException(file, at, 1, "parameter " + key + ": '" + val + "' is not a number");
      }
      String why = org.neuristor.netlist.WrittenUnits.modelParameterProblem(type, key, val);
      if (why != null) {
        throw new NetlistException(file, at, 1, why);
      }
      params.put(key, v);
    }
    ModelCard m = new ModelCard(tok[1], type, params);
    try {
      m.resolved();
    } catch (NeuristorException e) {
      throw new NetlistException(file, at, 1, e.getMessage());
    }
    return m;
  }
}
