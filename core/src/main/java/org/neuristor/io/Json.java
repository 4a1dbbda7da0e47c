package org.neuristor.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * JSON output for {@code --json} summaries: records, maps, lists and arrays; non-finite doubles are
 * written as null so every consumer can parse the result.
 */
public final class Json {
  private static final ObjectMapper MAPPER = create();

  private Json() {}

  private static ObjectMapper create() {
    ObjectMapper m = new ObjectMapper();
    SimpleModule mod = new SimpleModule();
    JsonSerializer<Double> dbl = new JsonSerializer<>() {
      @Override
      public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
        if (v == null || !Double.isFinite(v)) {
          g.writeNull();
        } else {
          g.writeNumber(v);
        }
      }
    };
    mod.addSerializer(Double.class, dbl);
    mod.addSerializer(double.class, dbl);
    mod.addSerializer(double[].class, new JsonSerializer<>() {
      @Override
      public void serialize(double[] a, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeStartArray();
        for (double v : a) {
          if (Double.isFinite(v)) {
            g.writeNumber(v);
          } else {
            g.writeNull();
          }
        }
        g.writeEndArray();
      }
    });
    m.registerModule(mod);
    m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    return m;
  }

  /** The shared mapper (thread safe once configured). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** One-line JSON. */
  public static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** Indented JSON. */
  public static String pretty(Object o) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
