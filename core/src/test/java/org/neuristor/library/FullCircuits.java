package org.neuristor.library;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared fixture: spike times of a library circuit's full transient (the engine on its netlist),
 * computed once per JVM for each (circuit, parameters, input source), so the tests that compare
 * compact forms and networks against the same full-circuit reference do not rerun it.
 */
public final class FullCircuits {
  private FullCircuits() {}

  private static final Map<String, double[]> CACHE = new ConcurrentHashMap<>();

  /** Spike times (s) of {@code name} with overrides and an input source (null: the circuit's own). */
  public static double[] spikeTimes(String name, Map<String, String> params, String source) {
    String key = name + new java.util.TreeMap<>(params) + source;
    return CACHE.computeIfAbsent(key, k -> {
      NeuronCircuit c = NeuronLibrary.get(name);
      return c.features(Protocols.run(c, params, source)).spikeTimes();
    }).clone();
  }
}
