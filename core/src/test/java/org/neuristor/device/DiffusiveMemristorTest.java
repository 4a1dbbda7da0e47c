package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;

/** {@link DiffusiveMemristor}: device contract and model-specific physics. */
class DiffusiveMemristorTest extends DeviceContractTest {
  @Override
  String type() {
    return "diffusive";
  }

  @Test
  void everyPresetSwitchesNearItsStatedThresholdsAndReturnsToHrs() {
    for (String preset : List.of("ag-sioxny", "ag-siox-fast")) {
      // quasi-static: the log-current drop at release spans ~ln(R_off/R_on) tau_off = 1.2 ms, so sweep at 0.4 V/s
      switchesNearStatedThresholds("diffusive", preset, 0.4);
    }
  }

  @Test
  void relaxationTimeAfterTheBiasIsRemoved() {
    // 0.6 V for 20 us switches the device on, then 0 V: x decays as exp(-t/tau_off), tau_off = 100 us
    Trace t = drive("diffusive", Map.of("preset", "ag-sioxny", "sdelay", 0.0), new double[] {0, 1e-9, 20e-6, 20.001e-6, 1e-3},
        new double[] {0, 0.6, 0.6, 0, 0}, 600e-6, 1e-6, List.of("d1.x"));
    double[] x = t.get("d1.x");
    double[] time = t.axis();
    double t1 = Double.NaN;
    double t2 = Double.NaN;
    for (int k = 1; k < x.length; k++) {
      if (time[k] > 20e-6 && Double.isNaN(t1) && x[k] < 0.9) {
        t1 = time[k - 1] + (0.9 - x[k - 1]) / (x[k] - x[k - 1]) * (time[k] - time[k - 1]);
      }
      if (time[k] > 20e-6 && Double.isNaN(t2) && x[k] < 0.9 / Math.E) {
        t2 = time[k - 1] + (0.9 / Math.E - x[k - 1]) / (x[k] - x[k - 1]) * (time[k] - time[k - 1]);
      }
    }
    assertThat(t2 - t1).isCloseTo(100e-6, within(5e-6));
  }

  @Test
  void onDelayShrinksWithVoltageAndIsStochastic() {
    double[] mean = new double[2];
    double[] amps = {0.45, 0.6};
    for (int a = 0; a < 2; a++) {
      double sum = 0;
      for (int seed = 0; seed < 8; seed++) {
        Circuit c = Circuit.builder("d")
            .add(new VoltageSource("v1", "a", "0", new Waveform.Pwl(new double[] {0, 1e-9, 1}, new double[] {0, amps[a], amps[a]})))
            .add(DeviceRegistry.create("diffusive", "d1", List.of("a", "0"), Map.of("preset", "ag-sioxny"), seed))
            .build();
        Trace t = new TransientAnalysis(1e-7, 100e-6, 0, 1e-7, false).run(new MnaSystem(c), List.of("d1.x")).trace();
        double[] x = t.get("d1.x");
        double td = Double.NaN;
        for (int k = 1; k < x.length; k++) {
          if (x[k] >= 0.5) {
            td = t.axis()[k];
            break;
          }
        }
        sum += td;
      }
      mean[a] = sum / 8;
    }
    assertThat(mean[1]).isLessThan(mean[0]);
  }
}
