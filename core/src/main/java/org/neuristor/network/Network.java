package org.neuristor.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.neuristor.NeuristorException;

/**
 * A clock-driven spiking network: populations (structure-of-arrays) connected by projections (CSR)
 * that deliver spikes through per-delay ring buffers, stepped with a fixed dt. This class is the
 * container and the step; {@link ChunkPlan} decides which chunks of which population run on which
 * thread, and {@link StepWorkers} runs them.
 *
 * <p>One step n: every chunk of every population (in parallel when threads &gt; 1) first adds the
 * spikes of step n-1 arriving through its incoming projections into its ring slots, then folds the
 * slot of step n into its channels and integrates its neurons; then, serially, the chunks' spikes
 * are concatenated per population in neuron order and monitors record. Nothing in a step allocates.
 * Results are bit-for-bit identical for any thread count: random draws are counter-based (seed,
 * population, neuron, step), and every floating-point sum has a fixed order (spike order, then
 * synapse order) independent of the chunking.
 */
public final class Network {
  /**
   * Neurons in all from which a network without a thread count runs on every available processor (one thread below;
   * the launcher's choice of the vector API mirrors this: LauncherVectorTest checks that it reads the same bound).
   */
  public static final int PARALLEL_FROM_NEURONS = 20_000;
  private final double dt;
  private final long seed;
  private final int threads;
  private final List<Population> populations;
  private final List<Projection> projections;
  private final List<SpikeMonitor> spikeMonitors;
  private final List<StateMonitor> stateMonitors;
  /** Which chunk of which population each task updates, and which thread runs it. */
  private final ChunkPlan plan;
  private final int[][] taskOut;
  private final int[] taskCount;
  private long step;
  /**
   * Steps between two flushes of tiny channel states ({@link TinyStates}), and the step count after which the next
   * one runs.
   */
  private long flushEvery;
  private long flushAt = 1;
  private boolean initialized;
  private MemoryEstimate estimate;

  private Network(Builder b, int threads) {
    this.dt = b.dt;
    this.seed = b.seed;
    this.threads = threads;
    this.populations = List.copyOf(b.populations);
    this.projections = new ArrayList<>();
    this.spikeMonitors = new ArrayList<>();
    this.stateMonitors = new ArrayList<>();
    this.plan = new ChunkPlan(populations, threads);
    this.taskCount = new int[plan.tasks()];
    this.taskOut = new int[plan.tasks()][];
    for (int t = 0; t < plan.tasks(); t++) {
      taskOut[t] = new int[plan.to[t] - plan.from[t]];
    }
  }

  /** Starts building a network with time step dt (s) and master seed. */
  public static Builder builder(double dtSeconds, long seed) {
    return new Builder(dtSeconds, seed);
  }

  public double dt() {
    return dt;
  }

  public long seed() {
    return seed;
  }

  /** Worker threads used (1 = sequential). */
  public int threads() {
    return threads;
  }

  public List<Population> populations() {
    return Collections.unmodifiableList(populations);
  }

  public List<Projection> projections() {
    return Collections.unmodifiableList(projections);
  }

  public Population population(String name) {
    for (Population p : populations) {
      if (p.name.equals(name)) {
        return p;
      }
    }
    throw NeuristorException.input("no population named '" + name + "'");
  }

  public Projection projection(String name) {
    for (Projection p : projections) {
      if (p.name.equals(name)) {
        return p;
      }
    }
    throw NeuristorException.input("no projection named '" + name + "'");
  }

  public List<SpikeMonitor> spikeMonitors() {
    return Collections.unmodifiableList(spikeMonitors);
  }

  public List<StateMonitor> stateMonitors() {
    return Collections.unmodifiableList(stateMonitors);
  }

  /** Steps done so far. */
  public long step() {
    return step;
  }

  /** Simulated time so far (s). */
  public double time() {
    return step * dt;
  }

  /** Total synapses. */
  public long synapses() {
    long s = 0;
    for (Projection p : projections) {
      s += p.synapses();
    }
    return s;
  }

  /** The up-front memory estimate the network was checked against before it was built. */
  public MemoryEstimate memoryEstimate() {
    return estimate;
  }

  /** Heap bytes of all synapse arrays. */
  public long synapseBytes() {
    long s = 0;
    for (Projection p : projections) {
      s += p.bytes();
    }
    return s;
  }

  private void initialize() {
    for (Population p : populations) {
      p.initialize(CounterRng.hash(seed, 0x5EEDL, p.index), dt);
    }
    initialized = true;
  }

  /** Runs for the given simulated time (rounded to whole steps). */
  public void run(double seconds) {
    runSteps(Math.round(seconds / dt), null);
  }

  /** Called after each step (for progress reporting); must not allocate to keep the loop clean. */
  public interface StepListener {
    void afterStep(long step);
  }

  /**
   * Runs n steps. With threads &gt; 1, threads-1 workers are started for the call and stopped at its
   * end (nothing outlives it); the caller works too. Steps are separated by a spin-then-park barrier
   * rather than a fork/join per step, whose cost (tens of us) would dominate small steps.
   */
  public void runSteps(long n, StepListener listener) {
    if (!initialized) {
      initialize();
    }
    for (StateMonitor m : stateMonitors) {
      m.reserve(n);
    }
    if (threads == 1 || n == 0) {
      for (long s = 0; s < n; s++) {
        advance();
        if (step == flushAt) {
          flushTinyStates();
        }
        if (listener != null) {
          listener.afterStep(step);
        }
      }
      return;
    }
    StepWorkers w = new StepWorkers(plan, this::runTask);
    try {
      for (long s = 0; s < n; s++) {
        w.step();
        finishStep();
        if (step == flushAt) {
          flushTinyStates();
        }
        if (listener != null) {
          listener.afterStep(step);
        }
      }
    } finally {
      w.stop();
    }
  }

  /**
   * One step on the calling thread. A method of its own rather than the body of {@link #runSteps}'s loop:
   * the JIT compiles a method after a few thousand calls, while a loop that runs once per step in a single
   * call (10,000 steps) may stay interpreted to its end. The step listener is called by {@link #runSteps},
   * not here: the JIT warm-up ({@link WarmUp}) steps its miniature without a listener and a command with
   * one, so a listener test inside the step would be compiled from the miniature's profile as never taken
   * and send the step's compiled code back to the interpreter at the real run's first step.
   */
  private void advance() {
    for (int t = 0; t < plan.tasks(); t++) {
      runTask(t);
    }
    finishStep();
  }

  private void finishStep() {
    collect();
    step++;
  }

  /**
   * Zeroes the channel states below {@link TinyStates#BOUND} before they can decay into the subnormal doubles,
   * which would slow every later step many times over ({@link TinyStates}); after the 1st, (K+1)th, (2K+1)th ...
   * step (the first: so that the JIT warm-up's miniatures take this branch too). Called from {@link #runSteps}'s loops, not from the
   * step itself ({@link #advance}), whose compiled code then stays as it was. Membrane potentials and spikes are
   * unchanged.
   */
  private void flushTinyStates() {
    for (int i = 0; i < populations.size(); i++) {
      TinyStates.flush(populations.get(i));
    }
    flushAt += flushEvery;
  }

  /** Turns the flush of tiny channel states off (for tests that compare against a run without it). */
  void keepTinyStates() {
    flushAt = -1;
  }

  private void runTask(int t) {
    Population p = populations.get(plan.population[t]);
    List<Projection> in = p.incoming;
    for (int i = 0; i < in.size(); i++) {
      in.get(i).deliver(step, plan.chunk[t]);
    }
    taskCount[t] = p.update(plan.from[t], plan.to[t], step, dt, taskOut[t]);
  }

  private void collect() {
    int t = 0;
    for (int pi = 0; pi < populations.size(); pi++) { // indexed loops: no iterator per step
      Population p = populations.get(pi);
      int n = 0;
      int[] sp = p.spikes;
      long[] tot = p.spikeTotals;
      while (t < plan.tasks() && plan.population[t] == p.index) {
        int[] o = taskOut[t];
        for (int k = 0; k < taskCount[t]; k++) {
          int i = o[k];
          sp[n++] = i;
          tot[i]++;
        }
        t++;
      }
      p.spikeCount = n;
    }
    for (int i = 0; i < spikeMonitors.size(); i++) {
      spikeMonitors.get(i).record(step);
    }
    for (int i = 0; i < stateMonitors.size(); i++) {
      stateMonitors.get(i).sample(step, dt);
    }
  }

  /** Kept for callers that release resources: worker threads live only inside {@link #runSteps}. */
  public void close() {
    // nothing to release: runSteps stops its workers before it returns
  }

  /** Per-population spike count and mean rate. */
  public record PopulationStats(String name, int size, long spikes, double rateHz) {}

  /** Spike counts and mean rates (Hz) over the time run so far. */
  public List<PopulationStats> stats() {
    List<PopulationStats> l = new ArrayList<>();
    double t = time();
    for (Population p : populations) {
      long s = p.spikeTotal();
      l.add(new PopulationStats(p.name, p.size, s, t > 0 ? s / (p.size * t) : 0));
    }
    return l;
  }

  /** Builds a network: add populations, connect them, add monitors, then {@link #build()}. */
  public static final class Builder {
    private final double dt;
    private final long seed;
    private int threads;
    private final List<Population> populations = new ArrayList<>();
    private final List<Object[]> connections = new ArrayList<>();
    private final List<Object[]> monitors = new ArrayList<>();

    Builder(double dt, long seed) {
      if (!(dt > 0)) {
        throw NeuristorException.input("time step dt must be > 0 s, got " + dt);
      }
      this.dt = dt;
      this.seed = seed;
    }

    /** Worker threads; 0 (default) = automatic (all cores for networks of 20,000+ neurons, else 1). */
    public Builder threads(int n) {
      if (n < 0) {
        throw NeuristorException.input("threads must be >= 0, got " + n);
      }
      this.threads = n;
      return this;
    }

    public Builder add(Population p) {
      for (Population q : populations) {
        if (q.name.equals(p.name)) {
          throw NeuristorException.input("population '" + p.name + "' defined twice");
        }
      }
      p.index = populations.size();
      populations.add(p);
      return this;
    }

    private Population find(String name) {
      for (Population p : populations) {
        if (p.name.equals(name)) {
          return p;
        }
      }
      throw NeuristorException.input("no population named '" + name + "'");
    }

    /**
     * Connects {@code pre} to channel {@code channel} of {@code post}.
     *
     * @param weight per-synapse weight in the channel's unit (V for CURRENT on a LIF, C for CURRENT
     *     on a memristive neuron, A for EXPONENTIAL, S for CONDUCTANCE)
     * @param delaySeconds per-synapse delay (s)
     */
    public Builder connect(String name, String pre, String post, String channel, Connector connector, Dist weight,
        Dist delaySeconds) {
      Population a = find(pre);
      Population b = find(post);
      if (!b.acceptsInput()) {
        throw NeuristorException.input("projection '" + name + "': population '" + post
            + "' is an input encoder and takes no synapses");
      }
      if (b.channel(channel) == null) {
        throw NeuristorException.input("projection '" + name + "': population '" + post + "' has no channel '"
            + channel + "' (has " + b.channels.stream().map(Channel::name).toList() + ")");
      }
      connections.add(new Object[] {name, a, b, b.channel(channel), connector, weight, delaySeconds});
      return this;
    }

    public Builder monitorSpikes(String population) {
      monitors.add(new Object[] {"spikes", find(population)});
      return this;
    }

    public Builder monitorState(String population, String variable, int[] neurons, int every) {
      Population p = find(population);
      if (!p.variables().contains(variable)) {
        throw NeuristorException.input("population '" + population + "' has no variable '" + variable + "' (has "
            + p.variables() + ")");
      }
      for (int i : neurons) {
        if (i < 0 || i >= p.size) {
          throw NeuristorException.input("state monitor: neuron " + i + " outside population '" + population + "'");
        }
      }
      monitors.add(new Object[] {"state", p, variable, neurons.clone(), every});
      return this;
    }

    /** The memory estimate of what has been described so far. */
    public MemoryEstimate estimate(int chunks) {
      MemoryEstimate e = new MemoryEstimate();
      for (Population p : populations) {
        e.neurons(p.size, p.channels.size(), 2);
      }
      for (Object[] c : connections) {
        Population a = (Population) c[1];
        Population b = (Population) c[2];
        Dist d = (Dist) c[6];
        e.synapses(((Connector) c[4]).expectedSynapses(a.size, b.size, a == b), a.size, !d.isConstant(), chunks);
      }
      return e;
    }

    /** Checks memory, builds the synapses and ring buffers. */
    public Network build() {
      long total = 0;
      for (Population p : populations) {
        total += p.size;
      }
      int t = threads > 0 ? threads : total >= PARALLEL_FROM_NEURONS ? Runtime.getRuntime().availableProcessors() : 1;
      MemoryEstimate est = estimate(4 * t);
      est.check("network");
      Network net = new Network(this, t);
      net.estimate = est;
      long stream = 1;
      for (Object[] c : connections) {
        Population a = (Population) c[1];
        Population b = (Population) c[2];
        Projection pr = Projection.build((String) c[0], a, b, (Channel) c[3], (Connector) c[4], (Dist) c[5],
            (Dist) c[6], seed, stream++, dt);
        pr.chunk(net.plan.starts(b));
        b.incoming.add(pr);
        net.projections.add(pr);
      }
      for (Population p : populations) {
        for (Channel ch : p.channels) {
          int maxD = 0;
          boolean zeroDelays = true;
          for (Projection pr : p.incoming) {
            if (pr.channel == ch) {
              maxD = Math.max(maxD, pr.maxDelaySteps);
              zeroDelays &= pr.maxDelaySteps == 0;
            }
          }
          ch.allocateRing(maxD + 1, p.size, dt, zeroDelays && ch.kernel != Kernel.CURRENT);
        }
        p.allocate(dt);
        int[] s = net.plan.starts(p);
        p.plan(java.util.Arrays.copyOf(s, s.length - 1));
      }
      net.flushEvery = TinyStates.period(net.populations, dt);
      for (Object[] m : monitors) {
        if (m[0].equals("spikes")) {
          SpikeMonitor s = new SpikeMonitor((Population) m[1]);
          s.setDt(dt);
          net.spikeMonitors.add(s);
        } else {
          net.stateMonitors.add(new StateMonitor((Population) m[1], (String) m[2], (int[]) m[3], (Integer) m[4]));
        }
      }
      return net;
    }
  }
}
