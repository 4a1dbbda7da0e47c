package org.neuristor.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Result(String name, double rateHz, double[] isiSeconds, List<Integer> counts) {}

  @Test
  void serializesRecordsMapsArraysOnOneLine() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1);
    m.put("a", new Result("n1", 12.5, new double[] {1e-3, 2e-3}, List.of(1, 2)));
    String s = Json.write(m);
    assertThat(s).doesNotContain("\n");
    assertThat(s).isEqualTo(
        "{\"z\":1,\"a\":{\"name\":\"n1\",\"rateHz\":12.5,\"isiSeconds\":[0.001,0.002],\"counts\":[1,2]}}");
    JsonNode back = Json.mapper().readTree(s);
    assertThat(back.get("a").get("isiSeconds").get(1).asDouble()).isEqualTo(2e-3);
  }

  @Test
  void nonFiniteDoublesBecomeNull() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("boxed", Double.NaN);
    m.put("array", new double[] {1, Double.POSITIVE_INFINITY});
    m.put("record", new Result("r", Double.NEGATIVE_INFINITY, new double[0], List.of()));
    m.put("float", Float.NaN);
    String s = Json.write(m);
    assertThat(s).isEqualTo("{\"boxed\":null,\"array\":[1.0,null],\"record\":{\"name\":\"r\",\"rateHz\":null,"
        + "\"isiSeconds\":[],\"counts\":[]},\"float\":null}");
    assertThat(Json.mapper().readTree(s).isObject()).isTrue();
  }

  @Test
  void prettyIsIndentedAndParses() throws Exception {
    String p = Json.pretty(Map.of("k", List.of(1, 2)));
    assertThat(p).contains("\n");
    assertThat(Json.mapper().readTree(p).get("k").size()).isEqualTo(2);
  }
}
