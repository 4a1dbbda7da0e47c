package org.neuristor.netlist;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.neuristor.NeuristorException;

/**
 * Fuzzes the netlist compiler: any input either compiles or fails with a typed
 * {@link NeuristorException} (a positioned netlist error, a model error, a topology error), never
 * another exception, a hang or an out-of-memory. CI runs the committed corpus in regression mode;
 * {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest=NetlistFuzzTest} fuzzes for real.
 */
class NetlistFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void compileNeverThrowsUntyped(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      CircuitCompiler.compile(text, "fuzz.cir");
    } catch (NeuristorException expected) {
      if (expected.getMessage() == null || expected.getMessage().isBlank()) {
        throw new AssertionError("error without a message", expected);
      }
    }
  }
}
