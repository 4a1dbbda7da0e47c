package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.element.VoltageSource;

/**
 * Relaxation of the VO2 minor-loop memory ({@code trelax}): a film heated into its transition and
 * cooled back inside the loop is partly metallic; held at that temperature, its loop offset relaxes
 * exponentially to the heating branch, g = 1/2 + 1/2 tanh(beta (tc - T + m(t))) with
 * m(t) = w/2 + (m_0 - w/2) exp(-t/trelax) (class comment of {@link Vo2ThermalMemristor}).
 */
class Vo2RelaxationTest {
  // the zhang2024 preset (defaults)
  static final double TC = 332.805839;
  static final double W = 7.19357064;
  static final double BETA = 0.252796285;
  static final double R0 = 5.35882879e-3;
  static final double EA = 5220.47417;
  static final double RM = 262.5 * 4.90025335;
  static final double T_HOLD = 333;

  private record Film(Vo2ThermalMemristor d, double[] x) {
    void at(double time, double temperature) {
      x[d.stateIndex()] = temperature;
      d.accept(x, time);
    }
  }

  private static Film film(double trelax) {
    Vo2ThermalMemristor d = (Vo2ThermalMemristor) DeviceRegistry.create("vo2", "x", List.of("a", "0"),
        Map.of("trelax", trelax), 1);
    MnaSystem sys = new MnaSystem(Circuit.builder("t").add(new VoltageSource("v", "a", "0", 0)).add(d).build());
    Film f = new Film(d, new double[sys.size()]);
    // up the heating branch to 342 K and back down to 333 K, 0.1 K per point, 1 ps apart (no time to relax)
    double time = 0;
    for (double t = 325; t <= 342 + 1e-9; t += 0.1) {
      f.at(time, t);
      time += 1e-12;
    }
    for (double t = 342; t >= T_HOLD - 1e-9; t -= 0.1) {
      f.at(time, t);
      time += 1e-12;
    }
    return f;
  }

  /** Loop offset m (K) of the film at T from its resistance: g = (R - R_m)/(R_0 exp(E_a/T)) = 1/2 + 1/2 tanh(beta (tc - T + m)). */
  private static double offset(double r, double t) {
    double g = (r - RM) / (R0 * Math.exp(EA / t));
    return 0.5 * Math.log(g / (1 - g)) / BETA - TC + t;
  }

  private static double resistance(double m, double t) {
    double g = 0.5 + 0.5 * Math.tanh(BETA * (TC - t + m));
    return R0 * Math.exp(EA / t) * g + RM;
  }

  @Test
  void theMinorLoopOffsetRelaxesExponentiallyToTheHeatingBranch() {
    double tau = 1e-3;
    Film held = film(0);
    double r0 = held.d().resistanceAt(T_HOLD);
    double m0 = offset(r0, T_HOLD);
    // inside the loop, below the heating branch (+w/2): partly metallic
    assertThat(m0).isBetween(-W / 2 + 0.1, W / 2 - 0.5);
    held.at(1.0, T_HOLD);
    assertThat(held.d().resistanceAt(T_HOLD)).as("trelax = 0: no relaxation").isEqualTo(r0);

    for (double t : new double[] {0.3e-3, 1e-3, 3e-3}) {
      // the same hold in one step and in 37 steps: the update is exact at constant temperature
      double oneStep = Double.NaN;
      for (int steps : new int[] {1, 37}) {
        Film f = film(tau);
        double start = 1e-9;
        f.at(start, T_HOLD);
        for (int k = 1; k <= steps; k++) {
          f.at(start + t * k / steps, T_HOLD);
        }
        // (the ramp and the first nanosecond relax by 1e-6 of the offset: within the tolerance)
        double expected = resistance(W / 2 + (m0 - W / 2) * Math.exp(-t / tau), T_HOLD);
        double r = f.d().resistanceAt(T_HOLD);
        assertThat(r).as("t = %g s, %d steps", t, steps).isCloseTo(expected, within(1e-5 * expected));
        if (steps == 1) {
          oneStep = r;
        } else {
          assertThat(r).as("37 steps as one").isCloseTo(oneStep, within(1e-10 * r));
        }
      }
    }
    // long after: the heating branch, which a fresh film at this temperature is on
    Film f = film(tau);
    f.at(1.0, T_HOLD);
    assertThat(f.d().resistanceAt(T_HOLD)).isCloseTo(resistance(W / 2, T_HOLD), within(1e-9 * r0));
    assertThat(f.d().resistanceAt(T_HOLD)).isGreaterThan(1.2 * r0);
  }

  @Test
  void aFilmOnItsHeatingBranchDoesNotMove() {
    Vo2ThermalMemristor d = (Vo2ThermalMemristor) DeviceRegistry.create("vo2", "x", List.of("a", "0"), Map.of("trelax", 1e-3), 1);
    MnaSystem sys = new MnaSystem(Circuit.builder("t").add(new VoltageSource("v", "a", "0", 0)).add(d).build());
    Film f = new Film(d, new double[sys.size()]);
    f.at(0, 330);
    double r = d.resistanceAt(330);
    f.at(1, 330);
    assertThat(d.resistanceAt(330)).isEqualTo(r).isCloseTo(resistance(W / 2, 330), within(1e-9 * r));
  }
}
