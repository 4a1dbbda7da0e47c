package org.neuristor.netlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuristor.NetlistException;

class NetlistReaderTest {

  @Test
  void linesSplitAsTheLineBreakPatternDoes() {
    String[] fixed = {"", "a", "\n", "\r", "\r\n", "\n\r", "\r\r\n", "a\r\nb\rc\nd", "a\n\n", "\r\n\r\n", "x\r"};
    for (String s : fixed) {
      assertThat(NetlistReader.lines(s)).as(s.replace("\r", "CR").replace("\n", "LF"))
          .containsExactly(s.split("\r?\n|\r", -1));
    }
    Random r = new Random(13);
    char[] alphabet = {'a', 'b', '\r', '\n', ' '};
    for (int t = 0; t < 2000; t++) {
      char[] c = new char[r.nextInt(12)];
      for (int i = 0; i < c.length; i++) {
        c[i] = alphabet[r.nextInt(alphabet.length)];
      }
      String s = new String(c);
      assertThat(NetlistReader.lines(s)).containsExactly(s.split("\r?\n|\r", -1));
    }
  }

  @Test
  void continuedLineReportsTheColumnOfItsSecondPart() {
    // the bad value is on the continuation line, column 5 (after "+   ")
    String net = "t\r\nr1 a 0\n+   1x2\nv1 a 0 1\n.op\n.end\n";
    assertThatThrownBy(() -> CircuitCompiler.compile(net, "c.cir")).isInstanceOf(NetlistException.class)
        .hasMessageContaining("c.cir:3:5");
  }
}
