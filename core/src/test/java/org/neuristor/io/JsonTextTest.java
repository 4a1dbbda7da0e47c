package org.neuristor.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Jackson-free writer must print plain values exactly as {@link Json#write} does, and refuse the rest. */
class JsonTextTest {
  record Rec(double x) {}

  @Test
  void plainValuesPrintAsJacksonDoes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "quote \" backslash \\ tab\t nl\n cr\r bs\b ff\f nul\u0000 us\u001f del\u007f é ∞ /");
    m.put("d", List.of(0.0, -0.0, 1.0, 1e-7, 1.1935645680945723E-7, 2e23, 1e300, Double.MIN_VALUE, Double.NaN,
        Double.NEGATIVE_INFINITY));
    m.put("f", List.of(1.5f, 3e-9f, Float.POSITIVE_INFINITY));
    m.put("i", List.of(0, -3, Long.MAX_VALUE, (short) 7, (byte) -1));
    m.put("b", Arrays.asList(true, false, null));
    m.put("arrays", List.of(new double[] {1, Double.NaN, -2.5e-12}, new int[] {4, -5}, new double[0]));
    m.put("nested", Map.of("k", List.of(Map.of("v", "w"))));
    m.put("empty", new LinkedHashMap<>());
    SplittableRandom r = new SplittableRandom(7);
    List<Double> random = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      random.add(Double.longBitsToDouble(r.nextLong()));
    }
    m.put("random", random);
    assertThat(JsonText.write(m)).isEqualTo(Json.write(m));
    assertThat(JsonText.compact(m)).isEqualTo(Json.write(m));
  }

  @Test
  void otherValuesAreLeftToJackson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("plain", 1.0);
    m.put("record", new Rec(2.0));
    assertThat(JsonText.write(m)).isNull();
    assertThat(JsonText.write(Map.of(1, "non-string key"))).isNull();
    assertThat(JsonText.write(new String[] {"a"})).isNull();
    assertThat(JsonText.compact(m)).isEqualTo(Json.write(m)).isEqualTo("{\"plain\":1.0,\"record\":{\"x\":2.0}}");
  }
}
