package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.VoltageSource;

/**
 * The mixed-phase VO2 film (four parallel domains with spread transition centres, on the thermal
 * ladder, with a series resistance): the device contract, and K identical domains behave like one.
 */
class Vo2DomainsContractTest extends DeviceContractTest {
  static Map<String, Object> domains(int k, double spread) {
    Map<String, Object> m = new LinkedHashMap<>(Vo2ExtendedContractTest.EXTENDED);
    m.put("domains", k);
    m.put("tcspread", spread);
    return m;
  }

  @Override
  String type() {
    return "vo2";
  }

  @Override
  Map<String, Object> params() {
    return domains(4, 3);
  }

  @Override
  double voltageScale() {
    return 6;
  }

  @Override
  double[] stateRange(int k) {
    return new double[] {330, 420};
  }

  private static double current(Map<String, Object> p, double volts) {
    Circuit c = Circuit.builder("pulse").add(new VoltageSource("v", "a", "0", volts))
        .add(DeviceRegistry.create("vo2", "x", List.of("a", "0"), p, 1)).build();
    TransientAnalysis.Result r = new TransientAnalysis(1e-4, 10e-3, 0, 1e-4, true).run(new MnaSystem(c), List.of("i(v)"));
    return -r.trace().at("i(v)", 10e-3);
  }

  @Test
  void identicalDomainsActAsOneFilm() {
    double one = current(domains(1, 0), 5.5);
    double four = current(domains(4, 0), 5.5);
    assertThat(four).isCloseTo(one, within(1e-4 * one));
  }

  @Test
  void spreadDomainsSwitchOneAfterAnother() {
    // a single film switches all at once between two voltages; with spread transition centres the
    // current at the end of the pulse rises in steps over a wider range of voltages
    double[] v = {3, 3.5, 4, 4.5, 5, 5.5, 6};
    double stepOne = 0;
    double stepSpread = 0;
    for (int k = 1; k < v.length; k++) {
      stepOne = Math.max(stepOne, current(domains(1, 0), v[k]) / current(domains(1, 0), v[k - 1]));
      stepSpread = Math.max(stepSpread, current(domains(4, 8), v[k]) / current(domains(4, 8), v[k - 1]));
    }
    assertThat(stepOne).isGreaterThan(1.8);
    assertThat(stepSpread).isLessThan(0.8 * stepOne);
  }
}
