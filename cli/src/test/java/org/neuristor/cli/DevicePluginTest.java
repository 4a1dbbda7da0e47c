package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.characterize.RobustnessCorpus;

/**
 * A device type declared by a {@code DeviceFactory} service ({@link TestPluginFactory}) is listed,
 * described, validated in netlists and drawn into the robustness corpus like a built-in one.
 */
class DevicePluginTest {
  @TempDir Path dir;

  @Test
  void aServiceDeclaredDeviceIsListedDescribedValidatedAndInTheCorpus() throws Exception {
    CliHarness.Result list = CliHarness.run("device", "list");
    assertThat(list.out()).contains("plugts").contains("test plug-in");
    CliHarness.Result d = CliHarness.run("device", "describe", "plugts");
    assertThat(d.code()).isZero();
    assertThat(d.out()).contains("vth").contains("slow").contains("d2d_v");
    Path ok = dir.resolve("plug.cir");
    Files.writeString(ok, "plug\nv1 a 0 dc 2\nr1 a m 20k\nc1 m 0 1n\nn1 m 0 dev\n"
        + ".model dev plugts (preset=slow vth=1.2)\n.tran 10n 20u\n.end\n");
    assertThat(CliHarness.run("run", ok.toString(), "--out", dir.toString(), "--no-plot").code()).isZero();
    Path bad = dir.resolve("bad.cir");
    Files.writeString(bad, Files.readString(ok).replace("vth=1.2", "vth=0.5"));
    CliHarness.Result r = CliHarness.run("run", bad.toString(), "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bad.cir:6:").contains("vhold").doesNotContain("Exception");
    long plug = RobustnessCorpus.cases(1, 2 * DeviceRegistry.types().size()).stream()
        .filter(c -> c.type().equals("plugts")).count();
    assertThat(plug).isEqualTo(2);
  }
}
