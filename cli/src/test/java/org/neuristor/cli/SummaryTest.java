package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.io.Json;

class SummaryTest {
  private static String print(Summary s, boolean json) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    s.print(new PrintStream(b, true, StandardCharsets.UTF_8), json);
    return b.toString(StandardCharsets.UTF_8);
  }

  private static Summary sample() {
    return new Summary()
        .put("model", "1T1C neuron")
        .put("spikes", 42)
        .put("period", 7.0712345678e-6, "s")
        .put("rate", 141421.356, "Hz")
        .put("isi", new double[] {1e-6, Double.NaN})
        .put("nested", Map.of("k", List.of(1, 2)));
  }

  @Test
  void jsonIsOneValidObjectInOrder() throws Exception {
    String out = print(sample(), true);
    assertThat(out.lines().count()).isEqualTo(1);
    JsonNode n = Json.mapper().readTree(out);
    assertThat(n.isObject()).isTrue();
    List<String> keys = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("model", "spikes", "period", "rate", "isi", "nested");
    assertThat(n.get("period").asDouble()).isEqualTo(7.0712345678e-6);
    assertThat(n.get("isi").get(1).isNull()).isTrue();
    assertThat(n.get("nested").get("k").get(1).asInt()).isEqualTo(2);
  }

  @Test
  void humanFormIsAlignedWithSixSignificantDigits() {
    assertThat(print(sample(), false)).isEqualTo(
        "model:  1T1C neuron\n"
            + "spikes: 42\n"
            + "period: 7.07123e-6 s\n"
            + "rate:   141421 Hz\n"
            + "isi:    [1e-6, n/a]\n"
            + "nested: {\"k\":[1,2]}\n");
  }

  @Test
  void listOfMapsPrintsAsIndentedBlock() {
    Map<String, Object> run = new java.util.LinkedHashMap<>();
    run.put("analysis", "tran");
    run.put("wall_s", 0.25);
    String text = print(new Summary().put("analyses", List.of(run)), false);
    assertThat(text).isEqualTo("analyses:\n  - analysis: tran\n    wall_s: 0.25\n");
  }

  @Test
  void numberFormatting() {
    assertThat(Summary.number(0.1)).isEqualTo("0.1");
    assertThat(Summary.number(-123.4567891)).isEqualTo("-123.457");
    assertThat(Summary.number(1e6)).isEqualTo("1e6");
    assertThat(Summary.number(2.5e-9)).isEqualTo("2.5e-9");
    assertThat(Summary.number(0)).isEqualTo("0");
  }

  @Test
  void asMapKeepsOrderAndReplacementPosition() {
    Summary s = new Summary().put("a", 1).put("b", 2).put("a", 3.0, "V");
    assertThat(s.asMap().keySet()).containsExactly("a", "b");
    assertThat(s.asMap().get("a")).isEqualTo(3.0);
    assertThat(s.units()).containsEntry("a", "V");
  }
}
