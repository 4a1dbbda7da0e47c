package org.neuristor.neuron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.NeuristorException;
import org.neuristor.ParameterSpec;

/**
 * Loads a neuron model from a small YAML or JSON file (JSON is valid YAML, both are read by the same
 * parser); values in the units {@code neuristor model describe} lists:
 *
 * <pre>
 * model: adex            # if, lif, hh, adex, izhikevich
 * method: rk2            # optional, one of the model's methods
 * parameters:            # optional overrides of the defaults
 *   a: 4                 # nS
 *   b: 80.5              # pA
 * </pre>
 *
 * A value may carry its unit ({@code tau_m: 20ms} or {@code 0.02s} for a parameter in ms); a wrong
 * unit, unknown keys, unknown parameters, non-numeric values and values outside the declared ranges
 * are errors naming the file and the key.
 */
public final class ModelFiles {
  private ModelFiles() {}

  /**
   * A model read from a file.
   *
   * @param model the validated model
   * @param method the method the file asks for, or null for the model's default
   */
  public record Loaded(NeuronModel model, Method method) {}

  public static Loaded load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw NeuristorException.cannotRead("model file", file, e);
    }
    return parse(text, file.toString());
  }

  /** Parses model-file text; {@code name} is used in error messages. */
  public static Loaded parse(String text, String name) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (IOException e) {
      String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
          : e.getMessage();
      throw NeuristorException.input(name + ": not valid YAML/JSON: " + msg.lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw NeuristorException.input(name + ": expected a mapping with 'model' and 'parameters'");
    }
    JsonNode kindNode = root.get("model");
    if (kindNode == null || !kindNode.isTextual()) {
      throw new ModelParameterException("model", name + ": missing 'model: <if|lif|hh|adex|izhikevich>'");
    }
    ModelKind kind;
    try {
      kind = ModelKind.parse(kindNode.asText());
    } catch (ModelParameterException e) {
      throw new ModelParameterException("model", name + ": " + e.getMessage());
    }
    Method method = null;
    Map<String, Double> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      switch (e.getKey().toLowerCase(Locale.ROOT)) {
        case "model" -> { }
        case "method" -> {
          try {
            method = Method.parse(e.getValue().asText());
          } catch (ModelParameterException ex) {
            throw new ModelParameterException("method", name + ": " + ex.getMessage());
          }
        }
        case "parameters" -> {
          if (!e.getValue().isObject()) {
            throw new ModelParameterException("parameters", name + ": 'parameters' must be a mapping name: value");
          }
          for (Iterator<Map.Entry<String, JsonNode>> p = e.getValue().fields(); p.hasNext();) {
            Map.Entry<String, JsonNode> kv = p.next();
            if (kv.getValue().isNumber()) {
              values.put(kv.getKey(), kv.getValue().asDouble());
            } else if (kv.getValue().isTextual()) {
              // a value with its unit, e.g. 20ms or 0.02s for a parameter in ms
              ParameterSpec mp;
              try {
                mp = kind.parameter(kv.getKey());
              } catch (ModelParameterException ex) {
                throw new ModelParameterException(kv.getKey(), name + ": " + ex.getMessage());
              }
              try {
                values.put(kv.getKey(), mp.parse(kv.getValue().asText()));
              } catch (ModelParameterException ex) {
                throw new ModelParameterException(kv.getKey(), name + ": parameter " + kv.getKey()
                    + " must be a number, optionally with its unit " + mp.unit() + ", got '" + kv.getValue().asText()
                    + "' (" + ex.getMessage() + ")");
              }
            } else {
              throw new ModelParameterException(kv.getKey(), name + ": parameter " + kv.getKey()
                  + " must be a number, got '" + kv.getValue().asText() + "'");
            }
          }
        }
        default -> throw new ModelParameterException(e.getKey(), name + ": unknown key '" + e.getKey()
            + "' (model, method, parameters)");
      }
    }
    try {
      NeuronModel m = NeuronModel.of(kind, values);
      if (method != null && !kind.methods().contains(method)) {
        m.checkStep(method, kind.defaultDtMs()); // throws naming the method
      }
      return new Loaded(m, method);
    } catch (ModelParameterException e) {
      throw new ModelParameterException(e.parameter(), name + ": " + e.getMessage());
    }
  }
}
