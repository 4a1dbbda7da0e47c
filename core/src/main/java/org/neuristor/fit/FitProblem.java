package org.neuristor.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.NeuristorException;
import org.neuristor.device.DeviceRegistry;
import org.neuristor.device.ModelType;
import org.neuristor.ParameterSpec;

/**
 * What is fitted to what: a device type with its fixed parameters, the measured files with their
 * protocols and conditions, and the free parameters (shared device parameters and per-file
 * conditions), each with its range.
 *
 * <p>File conditions: {@code series} and {@code compliance} go to the protocol's source,
 * {@code ambient} to the type's ambient-temperature parameter ({@link FitPlan#ambientParameter}), any
 * other key to the device parameter of that name for that file only. A value of {@code fit} makes it
 * a free parameter of that file.
 */
public final class FitProblem {
  private final String type;
  private final Map<String, Double> fixed;
  private final List<Protocol> files;
  private final List<Map<String, Double>> fileFixed;
  private final List<FreeParameter> free;
  private final String scaleParameter;
  private final String ambientParameter;

  /**
   * @param type device type
   * @param fixed device parameters that are not fitted (resolved: every declared parameter)
   * @param files the protocols, one per file
   * @param fileFixed per file: fixed conditions (device parameter names, {@code series}, {@code compliance})
   * @param free the free parameters
   */
  public FitProblem(String type, Map<String, Double> fixed, List<Protocol> files, List<Map<String, Double>> fileFixed,
      List<FreeParameter> free) {
    this(type, fixed, files, fileFixed, free, null, null);
  }

  private FitProblem(String type, Map<String, Double> fixed, List<Protocol> files, List<Map<String, Double>> fileFixed,
      List<FreeParameter> free, String scaleParameter, String ambientParameter) {
    this.scaleParameter = scaleParameter;
    this.ambientParameter = ambientParameter;
    this.type = type;
    this.fixed = Map.copyOf(fixed);
    this.files = List.copyOf(files);
    // in the order written (Map.copyOf's order changes from one JVM to the next: fit check's "conditions" did)
    this.fileFixed = fileFixed.stream().map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m))).toList();
    this.free = List.copyOf(free);
  }

  /**
   * Builds a problem from a plan and the files' conditions.
   *
   * @param plan the type's fit plan (free device parameters, their ranges and starts)
   * @param userFixed values the user fixed ({@code --fix}); they leave the free set
   * @param files measured files
   */
  public static FitProblem of(FitPlan plan, Map<String, Double> userFixed, List<Measurement> files) {
    return of(plan, userFixed, files, Integer.MAX_VALUE);
  }

  /**
   * {@link #of(FitPlan, Map, List)} with every sweep of more than {@code maxRows} rows simulated on about
   * {@code maxRows} of them ({@link Protocol#thinned}; {@code fit --max-rows}).
   */
  public static FitProblem of(FitPlan plan, Map<String, Double> userFixed, List<Measurement> files, int maxRows) {
    ModelType t = DeviceRegistry.type(plan.type());
    Map<String, Double> fixed = new LinkedHashMap<>(DeviceRegistry.resolve(plan.type(), plan.base()));
    fixed.putAll(userFixed);
    List<FreeParameter> free = new ArrayList<>();
    for (FreeParameter p : plan.free()) {
      if (!userFixed.containsKey(p.name())) {
        free.add(p);
      }
    }
    List<Protocol> protocols = new ArrayList<>();
    List<Map<String, Double>> perFile = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      Measurement m = files.get(f);
      protocols.add(Protocol.thinned(m, maxRows));
      Map<String, Double> fx = new LinkedHashMap<>();
      for (Map.Entry<String, String> c : m.spec().conditions().entrySet()) {
        String key = c.getKey();
        String what = m.spec().file() + ": condition " + key;
        boolean fit = m.spec().fitted(key);
        switch (key) {
          case "series" -> {
            if (fit) {
              String st = m.spec().fitStart(key);
              free.add(new FreeParameter("series", f, 1e-2, 1e6, true, st == null ? 10 : Quantity.si(st, "Ohm", what)));
            } else {
              fx.put("series", atLeast(Quantity.si(c.getValue(), "Ohm", what), 0, false, what, "Ohm"));
            }
          }
          case "compliance" -> {
            if (fit) {
              throw NeuristorException.input(what + ": a compliance is set on the instrument; give its value");
            }
            fx.put("compliance", atLeast(Quantity.si(c.getValue(), "A", what), 0, true, what, "A"));
          }
          default -> {
            String name = key;
            if (key.equals("ambient")) {
              name = plan.ambientParameter();
              if (name == null) {
                throw NeuristorException.input(what + ": type " + plan.type() + " has no ambient temperature");
              }
            }
            ParameterSpec spec = t.parameter(name);
            if (spec == null) {
              throw NeuristorException.input(what + ": unknown condition (ambient, series, compliance or a "
                  + plan.type() + " parameter: " + String.join(" ", t.parameters().stream().map(ParameterSpec::name).toList())
                  + ")");
            }
            if (fit) {
              FreeParameter shared = plan.range(name);
              if (shared == null) {
                double v = fixed.get(name);
                shared = key.equals("ambient") ? new FreeParameter(name, f, Math.max(spec.min(), 200), Math.min(spec.max(), 400), false, v)
                    : new FreeParameter(name, f, spec.min() > 0 ? spec.min() : 1e-12, spec.max(), true, v > 0 ? v : 1);
              }
              double st = userFixed.containsKey(name) ? userFixed.get(name) : shared.start();
              String given = m.spec().fitStart(key);
              java.util.function.Function<String, Double> read = text -> key.equals("ambient") ? Quantity.kelvin(text, what)
                  : Quantity.si(text, spec.unit().equals("-") ? "" : spec.unit(), what);
              if (given != null) {
                st = read.apply(given);
              }
              FreeParameter q = new FreeParameter(name, f, shared.lo(), shared.hi(), shared.log(), shared.start());
              String[] range = m.spec().fitRange(key);
              if (range != null) {
                double lo = read.apply(range[0]);
                double hi = read.apply(range[1]);
                if (!(hi > lo) || lo < spec.min() || hi > spec.max() || (shared.log() && !(lo > 0))) {
                  throw NeuristorException.input(what + ": fit(" + range[0] + DataSpec.RANGE + range[1]
                      + ") needs LO < HI within the parameter's range " + spec.min() + " .. " + spec.max());
                }
                q = q.withRange(lo, hi);
                st = shared.log() ? Math.sqrt(lo * hi) : 0.5 * (lo + hi);
              }
              free.add(q.withStart(st));
            } else {
              double v = key.equals("ambient") ? Quantity.kelvin(c.getValue(), what)
                  : Quantity.si(c.getValue(), spec.unit().equals("-") ? "" : spec.unit(), what);
              try {
                // as a fitted condition's range is: ambient=68.5F (femto, not Fahrenheit) was 6.85e-14 K, the file's
                // simulation failed and the command exited 0
                spec.check(plan.type(), v);
              } catch (ModelParameterException e) {
                throw NeuristorException.input(what + ": " + e.getMessage());
              }
              fx.put(name, v);
            }
          }
        }
      }
      perFile.add(fx);
    }
    return new FitProblem(plan.type(), fixed, protocols, perFile, free, plan.scaleParameter(), plan.ambientParameter());
  }

  /** {@code v} if it is above {@code min} ({@code strict}) or at least {@code min}, finite; else a user error. */
  private static double atLeast(double v, double min, boolean strict, String what, String unit) {
    if (!(strict ? v > min : v >= min) || !Double.isFinite(v)) {
      throw NeuristorException.input(what + " = " + ParameterSpec.fmt(v) + " " + unit + ": expected a finite value "
          + (strict ? "> " : ">= ") + ParameterSpec.fmt(min) + " " + unit);
    }
    return v;
  }

  public String type() {
    return type;
  }

  public List<Protocol> files() {
    return files;
  }

  public List<FreeParameter> free() {
    return free;
  }

  /** Fixed device parameters (every declared parameter, before the free ones are set). */
  public Map<String, Double> fixed() {
    return fixed;
  }

  /** The same problem with other free parameters (e.g. other starts). */
  public FitProblem withFree(List<FreeParameter> other) {
    return new FitProblem(type, fixed, files, fileFixed, other, scaleParameter, ambientParameter);
  }

  /** The files' short names. */
  public List<String> fileNames() {
    return files.stream().map(p -> p.data().name()).toList();
  }

  /** Indices of the files that own free parameters other than {@code series}. */
  public List<Integer> filesWithOwnParameters() {
    List<Integer> out = new ArrayList<>();
    for (FreeParameter q : free) {
      if (q.file() >= 0 && !q.name().equals("series") && !out.contains(q.file())) {
        out.add(q.file());
      }
    }
    java.util.Collections.sort(out);
    return out;
  }

  /**
   * The problem of the given files with the shared parameters free and the files' own parameters
   * held at their values in u (files renumbered in the given order).
   */
  public FitProblem sharedStage(List<Integer> keep, double[] u) {
    List<Protocol> fs = new ArrayList<>();
    List<Map<String, Double>> fx = new ArrayList<>();
    for (int f : keep) {
      fs.add(files.get(f));
      Map<String, Double> m = new LinkedHashMap<>(fileFixed.get(f));
      for (int j = 0; j < free.size(); j++) {
        if (free.get(j).file() == f) {
          m.put(free.get(j).name(), free.get(j).value(u[j]));
        }
      }
      fx.add(m);
    }
    List<FreeParameter> fr = new ArrayList<>();
    for (int j = 0; j < free.size(); j++) {
      if (free.get(j).file() < 0) {
        fr.add(free.get(j).withStart(free.get(j).value(u[j])));
      }
    }
    return new FitProblem(type, fixed, fs, fx, fr, scaleParameter, ambientParameter);
  }

  /** The problem of file f alone with the shared parameters held at their values in u and f's own free. */
  public FitProblem fileStage(int f, double[] u) {
    Map<String, Double> fx = new LinkedHashMap<>(fixed);
    fx.putAll(sharedParams(u));
    List<FreeParameter> fr = new ArrayList<>();
    for (int j = 0; j < free.size(); j++) {
      FreeParameter q = free.get(j);
      if (q.file() == f) {
        fr.add(new FreeParameter(q.name(), 0, q.lo(), q.hi(), q.log(), q.value(u[j])));
      }
    }
    return new FitProblem(type, fx, List.of(files.get(f)), List.of(fileFixed.get(f)), fr, null, ambientParameter);
  }

  /** The coordinates of the shared parameters taken from a shared stage's optimum. */
  public double[] withShared(double[] u, FitProblem stage, double[] us) {
    double[] out = u.clone();
    int q = 0;
    for (int j = 0; j < free.size(); j++) {
      if (free.get(j).file() < 0) {
        out[j] = free.get(j).coordinate(stage.free().get(q).value(us[q]));
        q++;
      }
    }
    return out;
  }

  /** The coordinates of file f's own parameters taken from a file stage's optimum. */
  public double[] withFile(double[] u, int f, FitProblem stage, double[] us) {
    double[] out = u.clone();
    int q = 0;
    for (int j = 0; j < free.size(); j++) {
      if (free.get(j).file() == f) {
        out[j] = free.get(j).coordinate(stage.free().get(q).value(us[q]));
        q++;
      }
    }
    return out;
  }

  /** A candidate put on the measured resistance scale ({@link Normalizer}). */
  public double[] normalize(double[] u) {
    return scaleParameter == null && ambientParameter == null ? u.clone()
        : Normalizer.apply(this, scaleParameter, ambientParameter, u);
  }

  /** Starting coordinates of the free parameters. */
  public double[] start() {
    double[] u = new double[free.size()];
    for (int j = 0; j < u.length; j++) {
      u[j] = free.get(j).coordinate(free.get(j).start());
    }
    return u;
  }

  /** Values of the free parameters at u. */
  public double[] values(double[] u) {
    double[] p = new double[u.length];
    for (int j = 0; j < u.length; j++) {
      p[j] = free.get(j).value(u[j]);
    }
    return p;
  }

  /** Device parameters of file f at u. */
  public Map<String, Double> deviceParams(double[] u, int f) {
    Map<String, Double> p = new LinkedHashMap<>(fixed);
    for (int j = 0; j < u.length; j++) {
      FreeParameter q = free.get(j);
      if (q.file() < 0) {
        p.put(q.name(), q.value(u[j]));
      }
    }
    for (Map.Entry<String, Double> e : fileFixed.get(f).entrySet()) {
      if (!e.getKey().equals("series") && !e.getKey().equals("compliance")) {
        p.put(e.getKey(), e.getValue());
      }
    }
    for (int j = 0; j < u.length; j++) {
      FreeParameter q = free.get(j);
      if (q.file() == f && !q.name().equals("series")) {
        p.put(q.name(), q.value(u[j]));
      }
    }
    return p;
  }

  /** The device parameters shared by all files at u (the fitted model). */
  public Map<String, Double> sharedParams(double[] u) {
    Map<String, Double> p = new LinkedHashMap<>(fixed);
    for (int j = 0; j < u.length; j++) {
      FreeParameter q = free.get(j);
      if (q.file() < 0) {
        p.put(q.name(), q.value(u[j]));
      }
    }
    return p;
  }

  /** Series resistance of file f at u (Ohm). */
  public double series(double[] u, int f) {
    for (int j = 0; j < u.length; j++) {
      if (free.get(j).file() == f && free.get(j).name().equals("series")) {
        return free.get(j).value(u[j]);
      }
    }
    return fileFixed.get(f).getOrDefault("series", 0.0);
  }

  /** Current compliance of file f (A, 0 = none). */
  public double compliance(int f) {
    return fileFixed.get(f).getOrDefault("compliance", 0.0);
  }

  /** The conditions of file f at u, for reports: fixed and fitted, by name. */
  public Map<String, Double> conditions(double[] u, int f) {
    Map<String, Double> c = new LinkedHashMap<>(fileFixed.get(f));
    for (int j = 0; j < u.length; j++) {
      if (free.get(j).file() == f) {
        c.put(free.get(j).name(), free.get(j).value(u[j]));
      }
    }
    return c;
  }

  /** Simulates file f at u: the model current at every row. */
  public double[] simulate(double[] u, int f) {
    return simulate(u, f, null);
  }

  /** Simulates file f at u, reporting progress as {@code at(done, total)} (null: none). */
  public double[] simulate(double[] u, int f, org.neuristor.circuit.TransientAnalysis.Progress progress) {
    return files.get(f).simulate(type, deviceParams(u, f), series(u, f), compliance(f), progress);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s fit of %d file(s), %d free parameter(s)", type, files.size(), free.size());
  }
}
