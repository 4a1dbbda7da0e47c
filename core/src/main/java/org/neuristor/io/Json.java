package org.neuristor.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The JSON conventions of every Neuristor output: one shared, thread-safe Jackson {@link
 * ObjectMapper} that serializes records, maps, lists and primitive arrays; writes non-finite doubles
 * (NaN, ±Infinity) as {@code null} so the output is always valid JSON (RFC 8259 has no NaN); keeps
 * map insertion order; and does not fail on empty beans.
 */
public final class Json {
  private static final ObjectMapper MAPPER = build();

  private Json() {}

  /** The shared mapper; configure nothing on it (it is shared across threads). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Serializes {@code value} to a single-line JSON string. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + value.getClass().getName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Serializes {@code value} to indented, human-readable JSON. */
  public static String pretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + value.getClass().getName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Writes {@code value} as pretty JSON (with a trailing newline) to {@code target}, atomically. */
  public static Path writeFile(Path target, Object value) {
    return AtomicFiles.writeString(target, pretty(value) + System.lineSeparator());
  }

  private static ObjectMapper build() {
    SimpleModule m = new SimpleModule("neuristor-finite");
    m.addSerializer(Double.class, new FiniteDouble());
    m.addSerializer(Double.TYPE, new FiniteDouble());
    m.addSerializer(Float.class, new FiniteFloat());
    m.addSerializer(Float.TYPE, new FiniteFloat());
    m.addSerializer(double[].class, new FiniteDoubleArray());
    return JsonMapper.builder()
        .addModule(m)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();
  }

  private static final class FiniteDouble extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    FiniteDouble() {
      super(Double.class);
    }

    @Override
    public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
      if (Double.isFinite(v)) {
        g.writeNumber(v);
      } else {
        g.writeNull();
      }
    }
  }

  private static final class FiniteFloat extends StdSerializer<Float> {
    private static final long serialVersionUID = 1L;

    FiniteFloat() {
      super(Float.class);
    }

    @Override
    public void serialize(Float v, JsonGenerator g, SerializerProvider p) throws IOException {
      if (Float.isFinite(v)) {
        g.writeNumber(v);
      } else {
        g.writeNull();
      }
    }
  }

  private static final class FiniteDoubleArray extends StdSerializer<double[]> {
    private static final long serialVersionUID = 1L;

    FiniteDoubleArray() {
      super(double[].class);
    }

    @Override
    public void serialize(double[] a, JsonGenerator g, SerializerProvider p) throws IOException {
      g.writeStartArray(a, a.length);
      for (double v : a) {
        if (Double.isFinite(v)) {
          g.writeNumber(v);
        } else {
          g.writeNull();
        }
      }
      g.writeEndArray();
    }
  }
}
