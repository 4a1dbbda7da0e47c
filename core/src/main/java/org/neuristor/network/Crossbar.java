package org.neuristor.network;

import java.util.SplittableRandom;
import org.neuristor.NeuristorException;
import org.neuristor.device.SynapseDevice;

/**
 * A crossbar of pulse-programmed synaptic memristors (physics.md 3.8c, {@link SynapseDevice}) in
 * structure-of-arrays form: {@code rows x cols} cross-points, each a differential pair
 * {@code (G+, G-)} so that a signed weight is {@code W_ij = w_max (G+_ij - G-_ij)/(G_max - G_min)}
 * (physics.md 4.7). Non-idealities, all drawn from the seed:
 *
 * <ul>
 *   <li>levels and non-linear update: programming applies potentiation pulses from G_min through
 *       {@link SynapseDevice#pulse} (the count comes from the nominal curve, open loop), so a weight
 *       lands on one of {@code levelsLtp + 1} non-uniformly spaced conductances;
 *   <li>cycle-to-cycle noise: each pulse adds N(0, (sigma_C2C (G_max - G_min))^2);
 *   <li>device-to-device spread sigma: per device, A_LTP/A_LTD scaled by (1 + sigma z) (as in
 *       {@link SynapseDevice}) and the conductance range scaled by (1 + sigma z') (bounded to &gt; 5 %);
 *   <li>stuck devices: with probabilities pStuckOn / pStuckOff a device sits at its G_max / G_min;
 *   <li>read noise: a read returns G (1 + sigma_read z), drawn per read by the caller's counter.
 * </ul>
 *
 * With {@code device == null} the crossbar is ideal: conductances are continuous and exact.
 * Memory: 2 doubles per device plus 3 per device for the device-to-device constants.
 */
public final class Crossbar {
  private final int rows;
  private final int cols;
  private final SynapseDevice.Params device;
  private final double gMin;
  private final double gMax;
  /** G+ then G- of cross-point (i, j) at {@code 2 (i cols + j)} and {@code 2 (i cols + j) + 1}. */
  final double[] g;
  private final float[] aLtp;
  private final float[] aLtd;
  private final float[] range;
  private final byte[] stuck;
  private final long seed;
  private long pulses;
  private double programmingEnergy;
  private double writeVolts = 3.0;
  private double writeSeconds = 300e-6;
  private int verifyIterations = 0;

  /**
   * @param device the device, or null for ideal conductances in [G_min, G_max] of the NeuroSim preset
   * @param seed seed of the device-to-device, stuck and programming draws
   */
  public Crossbar(int rows, int cols, SynapseDevice.Params device, long seed) {
    if (rows <= 0 || cols <= 0) {
      throw NeuristorException.input("crossbar needs rows, cols >= 1, got " + rows + " x " + cols);
    }
    this.rows = rows;
    this.cols = cols;
    this.device = device;
    this.seed = seed;
    SynapseDevice.Params ref = device != null ? device : SynapseDevice.Params.neurosimAgSi();
    this.gMin = ref.gMinSiemens();
    this.gMax = ref.gMaxSiemens();
    int n = 2 * rows * cols;
    g = new double[n];
    java.util.Arrays.fill(g, gMin);
    if (device == null) {
      aLtp = aLtd = range = null;
      stuck = null;
      return;
    }
    aLtp = new float[n];
    aLtd = new float[n];
    range = new float[n];
    stuck = new byte[n];
    double s = device.sigmaD2D();
    for (int d = 0; d < n; d++) {
      SplittableRandom r = new SplittableRandom(CounterRng.hash(seed, 11, d));
      aLtp[d] = (float) (device.aLtp() * Math.max(1 + s * gauss(r), 0.05));
      aLtd[d] = (float) (device.aLtd() * Math.max(1 + s * gauss(r), 0.05));
      range[d] = (float) Math.max(1 + s * gauss(r), 0.05);
      double u = r.nextDouble();
      stuck[d] = (byte) (u < device.pStuckOn() ? 1 : u < device.pStuckOn() + device.pStuckOff() ? -1 : 0);
      if (stuck[d] == 1) {
        g[d] = gMax;
      }
    }
  }

  /** A standard normal draw (Box-Muller) from the stream: the project's one Gaussian for seeded device draws. */
  public static double gauss(SplittableRandom r) {
    double u1 = 1 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** The device, or null when ideal. */
  public SynapseDevice.Params device() {
    return device;
  }

  public double gMin() {
    return gMin;
  }

  public double gMax() {
    return gMax;
  }

  /** Write pulse amplitude (V) and width (s) used for the programming energy (default 3 V, 300 us, NeuroSim). */
  public Crossbar writePulse(double volts, double seconds) {
    this.writeVolts = volts;
    this.writeSeconds = seconds;
    return this;
  }

  /**
   * Write-verify iterations after the open-loop pulse train (default 0: open loop; the digits pipeline uses 5): each
   * iteration reads the device and applies one pulse towards its target (LTP if below, LTD if
   * above, with its own cycle-to-cycle draw) if the pulse's noise-free outcome is closer to the
   * target than the present conductance and the device is more than one cycle-to-cycle sigma away
   * from it; otherwise programming of that device stops.
   */
  public Crossbar verifyIterations(int n) {
    if (n < 0) {
      throw NeuristorException.input("write-verify iterations must be >= 0, got " + n);
    }
    this.verifyIterations = n;
    return this;
  }

  /** Conductance of device d (G+ of (i,j) is d = 2(i cols + j), G- is d + 1), live array. */
  public double[] conductances() {
    return g;
  }

  /** Programming pulses applied so far. */
  public long pulses() {
    return pulses;
  }

  /** Programming energy spent so far (J): sum over pulses of V_w^2 G t_w at the pre-pulse conductance. */
  public double programmingEnergyJoules() {
    return programmingEnergy;
  }

  /** Number of stuck devices (on, off). */
  public int[] stuckCounts() {
    int on = 0;
    int off = 0;
    if (stuck != null) {
      for (byte b : stuck) {
        on += b == 1 ? 1 : 0;
        off += b == -1 ? 1 : 0;
      }
    }
    return new int[] {on, off};
  }

  private double scaledB(int d, boolean up) {
    double a = up ? aLtp[d] : aLtd[d];
    return SynapseDevice.curveB(device, a, up ? device.levelsLtp() : device.levelsLtd()) * range[d];
  }

  /** Curve parameters of device d with its range scaling, as a {@link SynapseDevice.Params}-compatible pulse. */
  private double pulseOn(int d, boolean up, double z) {
    double a = up ? aLtp[d] : aLtd[d];
    double b = scaledB(d, up);
    double gd = SynapseDevice.pulse(device, g[d], a, b, up, z);
    double top = gMin + (gMax - gMin) * range[d];
    return Math.min(gd, top);
  }

  /**
   * Applies n pulses (potentiating if up) to device d; draws cycle-to-cycle noise from counter
   * {@code (seed, d, event)} so the result does not depend on the order of devices.
   */
  public void pulse(int d, int n, boolean up, long event) {
    if (device == null) {
      throw new IllegalStateException("an ideal crossbar has no pulses");
    }
    if (stuck[d] != 0) {
      pulses += n;
      programmingEnergy += n * writeVolts * writeVolts * g[d] * writeSeconds;
      return;
    }
    SplittableRandom r = device.sigmaC2C() > 0 ? new SplittableRandom(CounterRng.hash(seed ^ event, 13, d)) : null;
    for (int k = 0; k < n; k++) {
      programmingEnergy += writeVolts * writeVolts * g[d] * writeSeconds;
      g[d] = pulseOn(d, up, r == null ? 0 : gauss(r));
    }
    pulses += n;
  }

  /**
   * One pulse (potentiating if up) on device d with the given standard-normal cycle-to-cycle draw z
   * (the caller's random stream); returns the new conductance. Stuck devices only count the pulse.
   */
  public double pulseWith(int d, boolean up, double z) {
    if (device == null) {
      throw new IllegalStateException("an ideal crossbar has no pulses");
    }
    programmingEnergy += writeVolts * writeVolts * g[d] * writeSeconds;
    pulses++;
    if (stuck[d] == 0) {
      g[d] = pulseOn(d, up, device.sigmaC2C() > 0 ? z : 0);
    }
    return g[d];
  }

  /** Pulses to go from G_min to normalized level u in [0, 1] on the nominal LTP curve, rounded to an integer. */
  int pulsesFor(double u) {
    double a = device.aLtp();
    double b = SynapseDevice.curveB(device, a, device.levelsLtp());
    double frac = Math.min(u * (gMax - gMin) / b, 1 - 1e-15);
    long p = Math.round(-a * Math.log(1 - frac));
    return (int) Math.max(0, Math.min(device.levelsLtp(), p));
  }

  /**
   * Programs signed weights {@code w[i cols + j]} (row-major) onto the differential pairs: the
   * positive part onto G+, the negative onto G-, both as a fraction of {@code wMax} (clipped at 1).
   * Ideal: exact conductances. Device: every device is reset to G_min (not counted) and receives
   * the pulse count of the nominal curve for its target, one by one through the device update.
   */
  public void program(double[] w, double wMax) {
    if (w.length != rows * cols) {
      throw new IllegalArgumentException("weights " + w.length + " != " + rows + " x " + cols);
    }
    for (int q = 0; q < w.length; q++) {
      double u = Math.min(Math.abs(w[q]) / wMax, 1);
      int dp = 2 * q + (w[q] >= 0 ? 0 : 1);
      int dn = dp ^ 1;
      if (device == null) {
        g[dp] = gMin + u * (gMax - gMin);
        g[dn] = gMin;
      } else {
        for (int d : new int[] {dp, dn}) {
          if (stuck[d] == 0) {
            g[d] = gMin;
          }
        }
        pulse(dp, pulsesFor(u), true, 0);
        verify(dp, gMin + u * (gMax - gMin));
        verify(dn, gMin);
      }
    }
  }

  /**
   * Programs signed weights around a reference (NeuroSim's one-device-per-weight scheme): every G-
   * is programmed to the middle of the range (the reference) and every G+ to
   * {@code G_ref + (w / wMax) (G_max - G_min) / 2}, so {@link #weight} is {@code w / (2 wMax)} in
   * [-1/2, 1/2] and G+ alone can move the weight both ways. Ideal crossbars are set exactly; device
   * crossbars by pulses from G_min with write-verify, as {@link #program}.
   */
  public void programReference(double[] w, double wMax) {
    if (w.length != rows * cols) {
      throw new IllegalArgumentException("weights " + w.length + " != " + rows + " x " + cols);
    }
    for (int q = 0; q < w.length; q++) {
      double u = 0.5 + 0.5 * Math.max(-1, Math.min(1, w[q] / wMax));
      int dp = 2 * q;
      int dn = dp + 1;
      if (device == null) {
        g[dp] = gMin + u * (gMax - gMin);
        g[dn] = gMin + 0.5 * (gMax - gMin);
        continue;
      }
      for (int d : new int[] {dp, dn}) {
        if (stuck[d] == 0) {
          g[d] = gMin;
        }
      }
      pulse(dp, pulsesFor(u), true, 0);
      verify(dp, gMin + u * (gMax - gMin));
      pulse(dn, pulsesFor(0.5), true, 0);
      verify(dn, gMin + 0.5 * (gMax - gMin));
    }
  }

  /** Sets the G+ of cross-point q of an ideal crossbar to the weight w/(2 wMax) around the reference (exact, clipped). */
  public void setReferenceWeight(int q, double w, double wMax) {
    if (device != null) {
      throw new IllegalStateException("a device crossbar changes only by pulses");
    }
    double u = 0.5 + 0.5 * Math.max(-1, Math.min(1, w / wMax));
    g[2 * q] = gMin + u * (gMax - gMin);
  }

  /** Write-verify of device d towards target conductance (no-op for stuck devices or 0 iterations). */
  private void verify(int d, double target) {
    if (stuck[d] != 0) {
      return;
    }
    // a read within one cycle-to-cycle sigma of the target is accepted (another pulse would add as much noise)
    double tol = device.sigmaC2C() * (gMax - gMin);
    for (int k = 1; k <= verifyIterations; k++) {
      double err = g[d] - target;
      // a pulse towards the target is applied only if its nominal (noise-free) outcome is closer
      boolean up = err < 0;
      if (Math.abs(err) <= tol || Math.abs(pulseOn(d, up, 0) - target) >= Math.abs(err)) {
        return;
      }
      pulse(d, 1, up, k);
    }
  }

  /** Effective signed weight of cross-point q in units of wMax: (G+ - G-)/(G_max - G_min). */
  public double weight(int q) {
    return (g[2 * q] - g[2 * q + 1]) / (gMax - gMin);
  }

  /**
   * Writes {@code scale (G+ - G-)/(G_max - G_min)} of every cross-point into the projection's live
   * weights, cross-point q to synapse q in CSR order (for an all-to-all projection from a
   * {@code rows}-neuron to a {@code cols}-neuron population that is the crossbar's row-major order;
   * a 1 x m crossbar holds one pair per synapse of any projection). With {@code readNoise > 0} each
   * device read is multiplied by (1 + readNoise z), z drawn from counter (seed, read, device).
   */
  public void writeTo(Projection p, double scale, double readNoise, long read) {
    if (p.synapses() != rows * cols) {
      throw NeuristorException.input("projection '" + p.name() + "' has " + p.synapses() + " synapses, the crossbar "
          + rows + " x " + cols + " cross-points");
    }
    float[] w = p.weights();
    double inv = scale / (gMax - gMin);
    double[] gr = gRead != null ? gRead : g;
    for (int q = 0; q < w.length; q++) {
      double gp = gr[2 * q];
      double gn = gr[2 * q + 1];
      if (readNoise > 0) {
        gp *= 1 + readNoise * CounterRng.normal(seed ^ read, 17, 2L * q);
        gn *= 1 + readNoise * CounterRng.normal(seed ^ read, 17, 2L * q + 1);
      }
      w[q] = (float) ((gp - gn) * inv);
    }
  }

  private double[] gRead;
  private double[] rowRead;

  /**
   * Conductances as the read circuit presents them (e.g. with wire resistance, from
   * {@code org.neuristor.crossbar.TiledRead}): {@code perDevice} in the layout of
   * {@link #conductances()} replaces the stored conductances in {@link #writeTo}, and
   * {@code perRow} (S, the row driver's current per volt) replaces {@link #rowConductance}; null
   * restores the ideal read. Programming is unaffected; call again after reprogramming.
   */
  public void readConductances(double[] perDevice, double[] perRow) {
    if (perDevice != null && (perDevice.length != g.length || perRow.length != rows)) {
      throw new IllegalArgumentException("read conductances must have " + g.length + " devices and " + rows + " rows");
    }
    this.gRead = perDevice;
    this.rowRead = perDevice == null ? null : perRow;
  }

  /** Sum over a row's 2 cols devices of G (S): the row's read conductance, for read energy. */
  public double rowConductance(int i) {
    if (rowRead != null) {
      return rowRead[i];
    }
    double s = 0;
    for (int d = 2 * i * cols; d < 2 * (i + 1) * cols; d++) {
      s += g[d];
    }
    return s;
  }
}
