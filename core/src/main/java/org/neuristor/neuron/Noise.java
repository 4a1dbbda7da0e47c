package org.neuristor.neuron;

import java.util.Locale;
import org.neuristor.ModelParameterException;

/**
 * Optional noise sources of a population (physics.md 2.6); any combination may be active. Each
 * population draws from its own {@link java.util.SplittableRandom} seeded explicitly, so a run
 * reproduces bit for bit with the same seed.
 *
 * <ul>
 *   <li><b>Ornstein-Uhlenbeck current noise</b> ({@code ouSigma > 0}): {@code tau_n dI_n = -(I_n -
 *       mu) dt + sigma sqrt(2 tau_n) dW}, advanced with the exact update
 *       {@code I_n <- mu + (I_n - mu) e^{-dt/tau_n} + sigma sqrt(1 - e^{-2 dt/tau_n}) xi} and added to
 *       the input current (held over the step). Starts from its stationary distribution. Units: the
 *       model's current unit; {@code ouTauMs} in ms.
 *   <li><b>White membrane noise</b> ({@code whiteSigmaMv > 0}, LIF only): the diffusion approximation
 *       {@code tau dV = (-(V - E_L) + R I) dt + sigma_V sqrt(2 tau) dW}, where sigma_V is the
 *       stationary standard deviation of the free membrane (mV). Between spikes V is then an OU
 *       process and is advanced with its exact update; threshold tested on the grid and, unless
 *       {@code whiteBridge} is off, inside each step by the OU bridge's crossing probability (see
 *       {@link LeakyIntegrateAndFire}).
 *   <li><b>Escape noise</b> ({@code escapeRho0PerMs > 0}, IF and LIF): the hard threshold is
 *       replaced by a hazard {@code rho(V) = rho_0 exp((V - theta)/Delta_u)}; a neuron fires in a step
 *       with probability {@code 1 - exp(-rho dt)} (Gerstner et al., Neuronal Dynamics, 2014, ch. 9).
 *       {@code Delta_u -> 0} recovers the deterministic threshold.
 * </ul>
 *
 * @param ouSigma stationary standard deviation of the OU current (model current unit; 0 = off)
 * @param ouTauMs OU correlation time (ms, > 0)
 * @param ouMean OU mean (model current unit)
 * @param whiteSigmaMv stationary membrane standard deviation of the white-noise LIF (mV; 0 = off)
 * @param escapeRho0PerMs escape rate at threshold (1/ms; 0 = off)
 * @param escapeDeltaMv escape-noise softness Delta_u (mV, > 0)
 * @param whiteBridge white noise also fires on threshold crossings between grid points (the bridge
 *     probability; default on, {@code white:...,bridge=0} turns it off)
 */
public record Noise(double ouSigma, double ouTauMs, double ouMean, double whiteSigmaMv, double escapeRho0PerMs,
    double escapeDeltaMv, boolean whiteBridge) {

  /** No noise. */
  public static final Noise NONE = new Noise(0, 5, 0, 0, 0, 1);

  /** Noise with the bridge test of white noise on. */
  public Noise(double ouSigma, double ouTauMs, double ouMean, double whiteSigmaMv, double escapeRho0PerMs,
      double escapeDeltaMv) {
    this(ouSigma, ouTauMs, ouMean, whiteSigmaMv, escapeRho0PerMs, escapeDeltaMv, true);
  }

  public Noise {
    if (!(ouSigma >= 0) || !Double.isFinite(ouSigma)) {
      throw new ModelParameterException("ou.sigma", "noise: OU sigma must be >= 0, got " + ouSigma);
    }
    if (!(ouTauMs > 0) || !Double.isFinite(ouTauMs)) {
      throw new ModelParameterException("ou.tau", "noise: OU correlation time must be > 0 ms, got " + ouTauMs);
    }
    if (!Double.isFinite(ouMean)) {
      throw new ModelParameterException("ou.mean", "noise: OU mean must be finite");
    }
    if (!(whiteSigmaMv >= 0) || !Double.isFinite(whiteSigmaMv)) {
      throw new ModelParameterException("white.sigma", "noise: white-noise sigma must be >= 0 mV, got " + whiteSigmaMv);
    }
    if (!(escapeRho0PerMs >= 0) || !Double.isFinite(escapeRho0PerMs)) {
      throw new ModelParameterException("escape.rho0", "noise: escape rate must be >= 0 /ms, got " + escapeRho0PerMs);
    }
    if (!(escapeDeltaMv > 0) || !Double.isFinite(escapeDeltaMv)) {
      throw new ModelParameterException("escape.du", "noise: escape softness must be > 0 mV, got " + escapeDeltaMv);
    }
  }

  /** OU current noise with stationary std {@code sigma} and correlation time {@code tauMs}, zero mean. */
  public static Noise ou(double sigma, double tauMs) {
    return new Noise(sigma, tauMs, 0, 0, 0, 1);
  }

  /** White membrane noise of stationary std {@code sigmaMv} (LIF). */
  public static Noise white(double sigmaMv) {
    return new Noise(0, 5, 0, sigmaMv, 0, 1);
  }

  /** Escape noise: hazard {@code rho0PerMs exp((V - theta)/deltaMv)}. */
  public static Noise escape(double rho0PerMs, double deltaMv) {
    return new Noise(0, 5, 0, 0, rho0PerMs, deltaMv);
  }

  public Noise withOu(double sigma, double tauMs, double mean) {
    return new Noise(sigma, tauMs, mean, whiteSigmaMv, escapeRho0PerMs, escapeDeltaMv, whiteBridge);
  }

  public Noise withWhite(double sigmaMv) {
    return new Noise(ouSigma, ouTauMs, ouMean, sigmaMv, escapeRho0PerMs, escapeDeltaMv, whiteBridge);
  }

  /** This noise with the bridge test of white noise on or off. */
  public Noise withWhiteBridge(boolean on) {
    return new Noise(ouSigma, ouTauMs, ouMean, whiteSigmaMv, escapeRho0PerMs, escapeDeltaMv, on);
  }

  public Noise withEscape(double rho0PerMs, double deltaMv) {
    return new Noise(ouSigma, ouTauMs, ouMean, whiteSigmaMv, rho0PerMs, deltaMv, whiteBridge);
  }

  public boolean hasOu() {
    return ouSigma > 0 || ouMean != 0;
  }

  public boolean hasWhite() {
    return whiteSigmaMv > 0;
  }

  public boolean hasEscape() {
    return escapeRho0PerMs > 0;
  }

  public boolean isNone() {
    return !hasOu() && !hasWhite() && !hasEscape();
  }

  /**
   * Parses one command-line noise term and adds it to this one: {@code ou:sigma=0.2,tau=5[,mean=0]},
   * {@code white:sigma=4[,bridge=0]}, {@code escape:rho0=1,du=2} (units as in the record's description: ou sigma
   * and mean in the model's current unit {@code currentUnit}, tau in ms, white sigma and du in mV,
   * rho0 per ms; a value may carry its unit, {@code tau=5ms}).
   */
  public Noise plus(String spec, String currentUnit) {
    int colon = spec.indexOf(':');
    String kind = (colon < 0 ? spec : spec.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    java.util.Map<String, String> units = switch (kind) {
      case "ou" -> java.util.Map.of("sigma", currentUnit, "tau", "ms", "mean", currentUnit);
      case "white" -> java.util.Map.of("sigma", "mV", "bridge", "1");
      case "escape" -> java.util.Map.of("rho0", "1/ms", "du", "mV");
      default -> throw new ModelParameterException("noise", "--noise: unknown kind '" + kind + "' (ou, white, escape)");
    };
    java.util.Map<String, Double> kv = Stimulus.keyValues(colon < 0 ? "" : spec.substring(colon + 1), "--noise " + kind,
        units);
    java.util.function.BiFunction<String, Double, Double> get = (k, d) -> {
      Double v = kv.remove(k);
      return v == null ? d : v;
    };
    Noise out;
    switch (kind) {
      case "ou" -> out = withOu(get.apply("sigma", Double.NaN), get.apply("tau", 5.0), get.apply("mean", 0.0));
      case "white" -> {
        double bridge = get.apply("bridge", 1.0);
        if (bridge != 0 && bridge != 1) {
          throw new ModelParameterException("noise", "--noise white: bridge must be 1 (on) or 0 (off), got " + bridge);
        }
        out = withWhite(get.apply("sigma", Double.NaN)).withWhiteBridge(bridge == 1);
      }
      case "escape" -> out = withEscape(get.apply("rho0", 1.0), get.apply("du", 2.0));
      default -> throw new ModelParameterException("noise", "--noise: unknown kind '" + kind + "' (ou, white, escape)");
    }
    if (!kv.isEmpty()) {
      throw new ModelParameterException("noise", "--noise " + kind + ": unknown key(s) " + kv.keySet());
    }
    return out;
  }
}
