package org.neuristor.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuristor.fit.DataSpec;
import org.neuristor.fit.Measurement;
import org.neuristor.io.MeasuredData;
import picocli.CommandLine.Option;

/** The measured files of {@code fit} and {@code fit check}: one option per protocol, and column names. */
public final class FitData {
  @Option(names = "--iv", paramLabel = "FILE[:COND]", description = "DC sweep (rows in sweep order): voltage and current columns; conditions after a colon (repeatable).")
  List<String> iv = new ArrayList<>();

  @Option(names = "--pulse", paramLabel = "FILE[:COND]", description = "Transient: time, applied voltage (the stimulus) and current columns; conditions after a colon (repeatable).")
  List<String> pulse = new ArrayList<>();

  @Option(names = "--pulses", paramLabel = "FILE[:potentiation=COL,depression=COL]",
      description = "Synapse data: conductance after each potentiation and depression pulse (default: columns 1 and 2).")
  List<String> pulses = new ArrayList<>();

  @Option(names = "--columns", paramLabel = "t=NAME,v=NAME,i=NAME",
      description = "Column names (exact, substring or 1-based number) when 'time', 'volt', 'current' do not find them.")
  String columns;

  /** Reads the --iv and --pulse files, in that order; with {@code allowPulses} false --pulses is refused. */
  List<Measurement> load(boolean allowPulses, JsonOption output) {
    Map<MeasuredData.Role, String> cols = MeasuredData.parseColumns(columns);
    List<Measurement> out = new ArrayList<>();
    for (String s : iv) {
      out.add(Measurement.read(DataSpec.parse(DataSpec.Kind.IV, s), cols));
    }
    for (String s : pulse) {
      out.add(Measurement.read(DataSpec.parse(DataSpec.Kind.PULSE, s), cols));
    }
    if (!allowPulses && !pulses.isEmpty()) {
      throw org.neuristor.NeuristorException.input("--pulses (conductance-vs-pulse data) is for the synapse type");
    }
    Map<String, Measurement> byStem = new java.util.HashMap<>();
    for (Measurement m : out) {
      Measurement same = byStem.putIfAbsent(FitOutputs.stem(m), m);
      if (same != null) {
        // the second file's overlay plot and row CSV replaced the first's
        throw org.neuristor.NeuristorException.input("data files " + same.spec().file() + " and " + m.spec().file()
            + " would write the same overlay files (" + FitOutputs.stem(m) + "): give them different names");
      }
    }
    for (Measurement m : out) {
      for (String w : m.warnings()) {
        output.warn(w);
      }
    }
    return out;
  }
}
