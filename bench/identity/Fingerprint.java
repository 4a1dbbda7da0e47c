import java.nio.file.Files;
import java.nio.file.Path;
import org.neuristor.circuit.Simulation;
import org.neuristor.measure.Trace;
import org.neuristor.netlist.CircuitCompiler;

/**
 * One line per netlist: for every analysis its accepted and rejected steps, Newton iterations, rows, a hash of every
 * bit of its trace (axis, names, samples) and its warnings; a netlist that is refused gives its error instead. Two
 * builds are bit-identical on a set of netlists when their lines are equal (see check.sh). A single-file program:
 * {@code java -cp BUILD/bench/target/benchmarks.jar bench/identity/Fingerprint.java FILE...}; the system property
 * {@code inject} adds a line after each netlist's title (e.g. {@code -Dinject=".options method=trap"}).
 */
public class Fingerprint {
  public static void main(String[] args) throws Exception {
    String inject = System.getProperty("inject");
    for (String f : args) {
      StringBuilder sb = new StringBuilder(f);
      try {
        Path p = Path.of(f);
        CircuitCompiler.Compiled c = inject == null ? CircuitCompiler.compile(p)
            : CircuitCompiler.compile(afterTitle(Files.readString(p), inject), p.getFileName().toString(),
                p.toAbsolutePath().getParent());
        for (var an : c.analyses()) {
          var o = Simulation.run(c.circuit(), an, c.saves(), null);
          Trace t = o.trace();
          long h = 1469598103934665603L; // FNV-1a over the raw bits
          for (double v : t.axis()) {
            h = (h ^ Double.doubleToRawLongBits(v)) * 1099511628211L;
          }
          for (String n : t.names()) {
            h = (h ^ n.hashCode()) * 1099511628211L;
            for (double v : t.get(n)) {
              h = (h ^ Double.doubleToRawLongBits(v)) * 1099511628211L;
            }
          }
          sb.append(String.format(" | %d %d %d %d %016x %s", o.accepted(), o.rejected(), o.iterations(), t.size(), h,
              o.warnings()));
        }
      } catch (Throwable e) {
        sb.append(" ! ").append(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
      }
      System.out.println(sb);
    }
  }

  private static String afterTitle(String text, String line) {
    int i = text.indexOf('\n');
    return text.substring(0, i + 1) + line + "\n" + text.substring(i + 1);
  }
}
