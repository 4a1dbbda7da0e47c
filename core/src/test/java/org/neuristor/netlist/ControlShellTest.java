package org.neuristor.netlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .control} shell as ngspice's own examples and regression tests use it (examples/various/param_sweep.cir,
 * examples/Monte_Carlo/MonteCarlo.sp, tests/regression/func/func-1.cir). Each expected text is what ngspice-39
 * ({@code ngspice -b}) printed for the same block; the deck {@code ngspice/decks/ctrl_shell_idioms.cir} checks them
 * together against its regenerated output.
 */
class ControlShellTest {
  @TempDir Path out;

  private List<String> echo(String control) {
    CircuitCompiler.Compiled c = CircuitCompiler.compile("t\nv1 a 0 dc 2\nr1 a n1 1k\nr2 n1 0 3k\nvx n1 q 0\n"
        + "r3 q 0 1k\n.op\n.control\n" + control + "\n.endc\n.end\n", "c.cir");
    return DeckRunner.run(c, new DeckRunner.Options(out, List.of(), false, new DeckRunner.Listener() {})).output();
  }

  /** ngspice looks a name up in the current plot, then in the constant plot; let assigns where the name is found. */
  @Test
  void aVectorMadeBeforeARunIsReadAfterIt() {
    assertThat(echo("let cnt = 1\nop\necho plot $curplot cnt=$&cnt\nlet cnt = cnt + 1\nop\necho plot $curplot cnt=$&cnt\n"
        + "let cnt = cnt + 1\nsetplot const\necho const cnt=$&cnt"))
        .containsExactly("plot op1 cnt=1", "plot op2 cnt=2", "const cnt=3");
  }

  /**
   * {@code $&vector}: C's %G (1001, 2.5E-06, six significant digits); a {@code set} number: an int as such (set u = 1k is
   * 1000), else %G.
   */
  @Test
  void numbersAreSubstitutedAsNgspiceFormatsThem() {
    assertThat(echo("let x = 1001\nlet y = 2.5e-6\nlet t = 1001 + vector(3)\nlet z = 1234567\necho $&x $&y $&t $&z\n"
        + "set s = 3.14159265\nset u = 1k\nset w = 1234567\nset q = 2.5e10\nset r = 3000000000\necho $s $u $w $q $r"))
        .containsExactly("1001 2.5E-06 1001 1002 1003 1.23457E+06", "3.14159 1000 1234567 2.5E+10 3E+09");
    assertThat(ControlInterpreter.asWord(-0.000123456789)).isEqualTo("-0.000123457");
    assertThat(ControlInterpreter.asWord(100000)).isEqualTo("100000");
    assertThat(ControlInterpreter.asWord(999999.5)).isEqualTo("1E+06");
  }

  /**
   * {$n} in a name is brace expansion after substitution: n{1001}_t is n1001_t (the '}' was eaten with $n); alternatives
   * ({@code {x,y}z}) ngspice-39 refuses, and are left as they are.
   */
  @Test
  void bracesAroundAVariableAreExpanded() {
    assertThat(echo("let t = 1001 + vector(2)\nforeach n $&t\n  set nn = \"a{$n}_b\"\n  echo $n $nn\nend\nop\n"
        + "let k = 1\nlet vn = v(n{$&k})\necho $&vn"))
        .containsExactly("1001 a1001_b", "1002 a1002_b", "0.857143");
  }

  /**
   * List variables (tests/regression/misc/dollar-1.cir): {@code set l = ( ... )} keeps words (numbers as set keeps
   * them), {@code $l[n]} counts from 1 (0 reads as 1), {@code [n-m]}, {@code [n-]}, reversed ranges, an index past the
   * end is empty, {@code [$i]}; {@code $#l} the number of words (a string 1, a flag 0); foreach over {@code $l}. Before,
   * {@code $l[2]} printed the whole list and "[2]", and {@code $#l} a warning and "#l".
   */
  @Test
  void listVariablesAreIndexedAsNgspiceIndexesThem() {
    assertThat(echo("set l = ( 1k 2.5 abc 4 )\nset i = 3\nset e = ( )\nset s = \"a b c\"\nset f\n"
        + "echo $l / $#l $l[2] / $l[2-3] / $l[3-] / $l[3-2] / $l[0] / $l[9] / $l[$i] / $#e $e / $#s $s[1] $s[2] / $#f\n"
        + "set rs = ( 1k 3k )\nforeach r $rs\n  alter r3 $r\n  op\n  echo r3 $r $&v(q)\nend\n"
        + "set l = ( $l[1-2] x )\necho $l $#l\nunset l\necho $?l"))
        .containsExactly("1000 2.5 abc 4 / 4 2.5 / 2.5 abc / abc 4 / abc 2.5 / 1000 / / abc / 0 / 1 a b c / 0",
            "r3 1000 0.857143", "r3 3000 1.2", "1000 2.5 x 3", "0");
  }

  /** A quoted value stays text ({@code set q = "1k"} is 1k in ngspice-39; it was read as the number 1000). */
  @Test
  void aQuotedSetValueIsKeptAsWritten() {
    assertThat(echo("set q = \"1k\"\nset n = 1k\necho $q $n")).containsExactly("1k 1000");
  }

  /** ngspice-39 refuses a range after $&vector ("no such variable"): refused at the line, not printed otherwise. */
  @Test
  void aRangeAfterAVectorIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> echo("let vv = vector(4)\necho $&vv[2]"))
        .isInstanceOf(org.neuristor.NetlistException.class).hasMessageContaining("$&vv[2]")
        .hasMessageContaining("let x = vv[2]");
  }

  /** define name(args) body, as ngspice's regression tests define their mismatch() check. */
  @Test
  void definedFunctionsAreExpandedWhereCalled() {
    assertThat(echo("define mismatch(a, b, err) abs(a-b)>err\ndefine half(x) x/2\nop\nlet h = half(v(n1) + 1)\n"
        + "echo $&h\nif mismatch(v(n1), 0.857, 1e-3)\n  echo far\nelse\n  echo near\nend"))
        .containsExactly("0.928571", "near");
  }

  /** nint() rounds to the nearest integer, ties to even (ngspice's nearbyint; tests/regression/parser/xpressn-3.cir). */
  @Test
  void nintRoundsTiesToEven() {
    assertThat(echo("let x = nint(2.5) + 10*nint(3.5) + 100*nint(-1.5) + 1000*nint(0.4)\necho $&x")).containsExactly("-158");
  }

  /** echo prints its words without their quotes ({@code ""} an empty one), one space apart. */
  @Test
  void echoPrintsTheWordsUnquoted() {
    assertThat(echo("echo \"TEST:\"   half  =   \"a b\" \"\" \"end\"")).containsExactly("TEST: half = a b  end");
  }

  /**
   * Node names in double quotes ({@code v("/A")}, as KiCad-generated decks write them): the quotes go, the text keeps
   * its case in the vector's name (ngspice-39's wrdata header is {@code v(N1)}). Before: "no vector v("n1")".
   */
  @Test
  void quotedNodeNamesAreReadAsNgspiceReadsThem() throws Exception {
    assertThat(echo("op\nlet x = v(\"n1\") - v(\"Q\")\necho $&x\nset wr_vecnames\nwrdata qn.txt v(\"N1\") v(q)"))
        .containsExactly("0");
    List<String> lines = Files.readString(out.resolve("qn.txt")).lines().map(String::strip).toList();
    // ngspice-39 names the operating point's scale column "a" (its node vector), Neuristor "v(a)": left as it is
    assertThat(List.of(lines.get(0).split("\\s+")).subList(1, 4)).containsExactly("v(N1)", "v(a)", "v(q)");
    assertThat(lines.get(1)).isEqualTo("2.00000000e+00  8.57142857e-01  2.00000000e+00  8.57142857e-01");
  }

  /** An operating point's default scale in ngspice is its first vector: wrdata writes it before each column. */
  @Test
  void wrdataAfterAnOperatingPointWritesItsDefaultScale() throws Exception {
    echo("op\nwrdata opw.txt v(n1) i(vx)");
    assertThat(Files.readString(out.resolve("opw.txt")).strip())
        .isEqualTo("2.00000000e+00  8.57142857e-01  2.00000000e+00  8.57142857e-04");
  }
}
