package org.neuristor.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
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
    return text(MAPPER.writer(), value);
  }

  /** Serializes {@code value} to indented, human-readable JSON. */
  public static String pretty(Object value) {
    return text(MAPPER.writerWithDefaultPrettyPrinter(), value);
  }

  private static String text(ObjectWriter w, Object value) {
    try {
      return w.writeValueAsString(value);
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
    FiniteNumber number = new FiniteNumber();
    m.addSerializer(Double.class, number);
    m.addSerializer(Double.TYPE, number);
    m.addSerializer(Float.class, number);
    m.addSerializer(Float.TYPE, number);
    m.addSerializer(double[].class, new FiniteDoubleArray());
    return JsonMapper.builder()
        .addModule(m)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();
  }

  /** Writes v, or null when it is not finite (NaN, ±Infinity). */
  private static void finite(JsonGenerator g, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeNull();
    }
  }

  /** Doubles and floats (boxed or primitive), a float written as a float. */
  private static final class FiniteNumber extends StdSerializer<Number> {
    private static final long serialVersionUID = 1L;

    FiniteNumber() {
      super(Number.class);
    }

    @Override
    public void serialize(Number v, JsonGenerator g, SerializerProvider p) throws IOException {
      if (v instanceof Float f && Float.isFinite(f)) {
        g.writeNumber(f.floatValue());
      } else {
        finite(g, v.doubleValue());
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
        finite(g, v);
      }
      g.writeEndArray();
    }
  }
}
