package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.io.Json;

/**
 * {@code network run} with a biological model population: one AdEx neuron with a constant bias fires
 * at exactly the spike times {@code model run} prints for the same neuron and current.
 */
class KernelNetworkCliTest {
  @TempDir Path dir;

  @Test
  void oneAdexNeuronInANetworkFiresWhenModelRunSays() throws Exception {
    CliHarness.Result m = CliHarness.run("model", "run", "adex", "--stim", "dc:amp=1000", "--duration", "200ms",
        "--json", "--no-plot", "--out", dir.toString());
    assertThat(m.code()).isZero();
    JsonNode times = Json.mapper().readTree(m.out()).get("spike_times_s");
    assertThat(times.size()).isGreaterThan(3);
    Path net = dir.resolve("one.yaml");
    Files.writeString(net, String.join("\n", "name: one", "dt: " + 0.01 * 1e-3, "duration: 200ms", "populations:",
        "  n: {model: adex, size: 1, bias: " + 1000 * 1e-12 + "}", "monitors:", "  - {spikes: n}", ""));
    CliHarness.Result n = CliHarness.run("network", "run", net.toString(), "--json", "--no-plot", "--out",
        dir.toString());
    assertThat(n.code()).isZero();
    List<Double> fromNetwork = new ArrayList<>();
    List<String> lines = Files.readAllLines(dir.resolve("one.n.spikes.csv"));
    assertThat(lines.get(0)).isEqualTo("time_s,neuron");
    for (String line : lines.subList(1, lines.size())) {
      fromNetwork.add(Double.parseDouble(line.split(",")[0]));
    }
    List<Double> fromModelRun = new ArrayList<>();
    times.forEach(t -> fromModelRun.add(t.asDouble()));
    assertThat(fromNetwork).containsExactlyElementsOf(fromModelRun);
  }
}
