package org.neuristor.circuit.element;

/**
 * The temperatures a device is evaluated at: the circuit temperature ({@code .temp} or
 * {@code .options temp}) and the nominal temperature at which model parameters were measured
 * ({@code .options tnom}, overridden per model by {@code tnom}); both 27 C unless set, as in ngspice.
 *
 * @param circuitKelvin circuit temperature (K)
 * @param nominalKelvin default nominal temperature (K)
 */
public record Temperatures(double circuitKelvin, double nominalKelvin) {
  /** 0 C in kelvin. */
  public static final double CELSIUS_TO_KELVIN = 273.15;
  /** ngspice's defaults: 27 C for both. */
  public static final Temperatures DEFAULT = new Temperatures(300.15, 300.15);
  /** Boltzmann's constant and the elementary charge with the values ngspice-39 uses. */
  public static final double BOLTZMANN = 1.38064852e-23;
  public static final double CHARGE = 1.6021766208e-19;

  /** Thermal voltage kT/q at a temperature (K). */
  public static double thermalVoltage(double kelvin) {
    return BOLTZMANN * kelvin / CHARGE;
  }

  /**
   * An instance's temperature (K): its {@code temp} (C) when given (not NaN), else the circuit
   * temperature plus its {@code dtemp} (K).
   */
  public double instance(double tempCelsius, double dtemp) {
    return !Double.isNaN(tempCelsius) ? tempCelsius + CELSIUS_TO_KELVIN : circuitKelvin + (Double.isNaN(dtemp) ? 0 : dtemp);
  }

  /** A model's nominal temperature (K): its {@code tnom} (C) when given, else the default. */
  public double nominal(double tnomCelsius) {
    return !Double.isNaN(tnomCelsius) ? tnomCelsius + CELSIUS_TO_KELVIN : nominalKelvin;
  }

  /** Silicon band gap (eV) at a temperature (K), the fit SPICE uses. */
  public static double siliconGap(double kelvin) {
    return 1.16 - 7.02e-4 * kelvin * kelvin / (kelvin + 1108);
  }

  /**
   * SPICE's temperature adjustment of a junction potential (V): from {@code pb} at the nominal
   * temperature to the device temperature (the "pbfact" equations of SPICE2/3).
   */
  public static double junctionPotential(double pb, double tnom, double t) {
    double ref = 300.15;
    double pbo = (pb - pbfactor(tnom)) / (tnom / ref);
    return pbfactor(t) + t / ref * pbo;
  }

  /**
   * SPICE's temperature adjustment of a zero-bias junction capacitance with grading m, from
   * {@code cj} at tnom (potential {@code pb}) to temperature t.
   */
  public static double junctionCap(double cj, double m, double pb, double tnom, double t) {
    double ref = 300.15;
    double pbo = (pb - pbfactor(tnom)) / (tnom / ref);
    double gmaold = (pb - pbo) / pbo;
    double c = cj / (1 + m * (400e-6 * (tnom - ref) - gmaold));
    double pbt = junctionPotential(pb, tnom, t);
    double gmanew = (pbt - pbo) / pbo;
    return c * (1 + m * (400e-6 * (t - ref) - gmanew));
  }

  private static double pbfactor(double t) {
    double ref = 300.15;
    double arg = -siliconGap(t) / (2 * BOLTZMANN * t) + 1.1150877 / (2 * BOLTZMANN * ref);
    return -2 * thermalVoltage(t) * (1.5 * Math.log(t / ref) + CHARGE * arg);
  }
}
