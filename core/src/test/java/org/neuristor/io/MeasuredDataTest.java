package org.neuristor.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.NetlistException;
import org.neuristor.NeuristorException;
import org.neuristor.io.MeasuredData.Role;

class MeasuredDataTest {
  private static final Path DATA = Path.of("../examples/data/vo2-galloni2024");
  private static final Role[] TVI = {Role.TIME, Role.VOLTAGE, Role.CURRENT};

  @Test
  void readsTheKeithleyDcExportWithItsSettingsBlock() {
    MeasuredData d = MeasuredData.read(DATA.resolve("iv_dc_dual_sweep.csv"), Map.of(), true, TVI);
    assertThat(d.rows()).isEqualTo(419);
    assertThat(d.columnName(Role.VOLTAGE)).isEqualTo("SMU-1 Voltage (V)");
    assertThat(d.line(0)).isEqualTo(36);
    assertThat(d.get(Role.VOLTAGE)[0]).isEqualTo(0.09999872);
    assertThat(d.get(Role.CURRENT)[0]).isEqualTo(2.01e-5);
    assertThat(d.warnings()).isEmpty();
  }

  @Test
  void readsPulseFilesWithBomQuotesAndEitherColumnOrder() {
    MeasuredData a = MeasuredData.read(DATA.resolve("pulses/4V_0.01s_68.5C.csv"), Map.of(), true, TVI);
    MeasuredData b = MeasuredData.read(DATA.resolve("pulses/5V_0.01s_68.5C.csv"), Map.of(), true, TVI);
    assertThat(a.rows()).isEqualTo(1106);
    assertThat(a.get(Role.VOLTAGE)[1]).isEqualTo(3.99255180358887);
    assertThat(b.header().get(2)).startsWith("SMU-1 Resistance");
    assertThat(b.get(Role.VOLTAGE)[1]).isEqualTo(4.991375446);
    assertThat(b.get(Role.CURRENT)[1]).isEqualTo(0.007567792);
  }

  @Test
  void unitsInTheHeaderAreHonouredAndEmptyCellsSkipped() {
    String csv = "\uFEFFsetup,\"Keysight B1500\"\r\n\r\nTime [ms];Current (mA);V (V)\r\n0;1;0.5\r\n1;;0.6\r\n2;\"3\";0.7\r\n";
    MeasuredData d = MeasuredData.parse(csv, "x.csv", Map.of(), true, TVI);
    assertThat(d.get(Role.TIME)).containsExactly(0, 2e-3);
    assertThat(d.get(Role.CURRENT)).containsExactly(1e-3, 3e-3);
    assertThat(d.get(Role.VOLTAGE)).containsExactly(0.5, 0.7);
    assertThat(d.warnings()).singleElement().asString().contains("1 row(s)").contains("line 5");
  }

  @Test
  void columnsByUserNameNumberOrSubstring() {
    String csv = "a,b,c\n1,2,3\n2,4,6\n";
    MeasuredData d = MeasuredData.parse(csv, "x.csv", MeasuredData.parseColumns("t=a,v=3,i=B"), true, TVI);
    assertThat(d.get(Role.TIME)).containsExactly(1, 2);
    assertThat(d.get(Role.VOLTAGE)).containsExactly(3, 6);
    assertThat(d.get(Role.CURRENT)).containsExactly(2, 4);
  }

  @Test
  void headerlessFilesNameColumnsByNumber() {
    MeasuredData d = MeasuredData.parse("-0.8,0.7\n-0.9,0.8\n", "g.csv", MeasuredData.parseColumns("g=1"), false,
        Role.CONDUCTANCE);
    assertThat(d.header()).containsExactly("column 1", "column 2");
    assertThat(d.get(Role.CONDUCTANCE)).containsExactly(-0.8, -0.9);
  }

  @Test
  void badFilesGetOneLineLocatedErrors() {
    assertThatThrownBy(() -> MeasuredData.parse("time,voltage,current\nx,y,z\n", "a.csv", Map.of(), true, TVI))
        .isInstanceOf(NetlistException.class).hasMessageStartingWith("a.csv:2:1: no numeric rows");
    assertThatThrownBy(() -> MeasuredData.parse("time,voltage\n0,1\n1,2\n", "b.csv", Map.of(), true, TVI))
        .hasMessageStartingWith("b.csv:1:1: no current column");
    assertThatThrownBy(() -> MeasuredData.parse("time,voltage,current\n0,1,2\n1,2,3\n2,3,oops\n", "c.csv", Map.of(),
        true, TVI)).hasMessage("c.csv:4:5: column 'current' holds 'oops', expected a number (current)");
    assertThatThrownBy(() -> MeasuredData.parse("time,voltage,current\n0,1,2\n2,2,3\n1,3,4\n", "d.csv", Map.of(), true,
        TVI)).hasMessageStartingWith("d.csv:4:1: time column 'time' does not increase");
    assertThatThrownBy(() -> MeasuredData.parse("t (s),v1 voltage,v2 voltage,i\n0,1,2,3\n1,1,2,3\n", "e.csv", Map.of(),
        true, TVI)).hasMessageContaining("both match 'volt'");
    assertThatThrownBy(() -> MeasuredData.parse("t (s),v (V),i (mW)\n0,1,2\n1,1,2\n", "f.csv", Map.of(), true, TVI))
        .hasMessageContaining("column 'i (mW)' is in 'mW', expected a current unit");
    assertThatThrownBy(() -> MeasuredData.parseColumns("x=1")).isInstanceOf(NeuristorException.class)
        .hasMessageContaining("--columns");
    for (String m : new String[] {"a", "b"}) {
      assertThat(m).doesNotContain("\n");
    }
  }

  @Test
  void aCellThatIsNotANumberNearTheTopIsNotTakenForTheHeader() {
    // a headerless file with a typo on its second row: that row became the header, the first row was dropped and the
    // fit ran on the rest, exit 0
    assertThatThrownBy(() -> MeasuredData.parse("-0.8,0.7\n-0.9,O.8\n-0.7,0.6\n-0.6,0.5\n", "g.csv",
        MeasuredData.parseColumns("g=1"), false, Role.CONDUCTANCE)).isInstanceOf(NetlistException.class)
        .hasMessage("g.csv:2:1: row '-0.9,O.8' between rows of numbers (line 1 and line 3) has a cell that is not a "
            + "number; expected a header row naming the columns followed by rows of numbers");
    // a settings block above the header, as instruments write it, is still read
    MeasuredData d = MeasuredData.parse("Instrument,2461\nPoints,3\n\nt (s),v (V),i (A)\n0,1,2\n1,2,3\n", "k.csv",
        Map.of(), true, TVI);
    assertThat(d.get(Role.CURRENT)).containsExactly(2.0, 3.0);
  }

  @Test
  void notANumberCellsAreSkippedLikeEmptyOnesEvenOnTheFirstDataRow() {
    // a lab export: a metadata block, semicolons, the instrument's not-a-number in several spellings (SCPI's
    // 9.91E37 included); the first data row is one of them, so the header must still be found above it
    String csv = "Instrument;Keysight B2902A\nStage;68.5 C\n\nI (mA);t (us);V (V)\nNaN;0;0.1\n1;200;0.2\nnan;400;0.3\n"
        + "3;600;#N/A\n4;800;0.5\n9.91E37;1000;0.6\n6;1200;0.7\n";
    MeasuredData d = MeasuredData.parse(csv, "lab.csv", Map.of(), true, TVI);
    assertThat(d.columnName(Role.CURRENT)).isEqualTo("I (mA)");
    assertThat(d.get(Role.TIME)).containsExactly(200 * 1e-6, 800 * 1e-6, 1200 * 1e-6);
    assertThat(d.get(Role.CURRENT)).containsExactly(1e-3, 4e-3, 6e-3);
    assertThat(d.warnings()).singleElement().asString().contains("4 row(s)").contains("not-a-number").contains("line 5");
  }

  @Test
  void unitsAfterASlashOrAnUnderscoreAreHonoured() {
    // ISO 80000 'quantity / unit' (and U for voltage, IEC 60027), tab separated: read in ms, mA, never as SI
    MeasuredData iso = MeasuredData.parse("t / ms\tU / V\tI / mA\n0\t1\t2\n1\t2\t4\n", "iso.csv", Map.of(), true, TVI);
    assertThat(iso.get(Role.TIME)).containsExactly(0, 1e-3);
    assertThat(iso.get(Role.VOLTAGE)).containsExactly(1, 2);
    assertThat(iso.get(Role.CURRENT)).containsExactly(2e-3, 4e-3);
    // named by the user: the unit in the name still counts
    MeasuredData named = MeasuredData.parse("a / ms,b / V,c / uA\n0,1,2\n1,2,4\n", "n.csv",
        MeasuredData.parseColumns("t=a / ms,v=b,i=3"), true, TVI);
    assertThat(named.get(Role.TIME)).containsExactly(0, 1e-3);
    assertThat(named.get(Role.CURRENT)).containsExactly(2e-6, 4e-6);
    // a unit after an underscore: only a unit of the column's role is one (voltage_in is a name, not inches)
    MeasuredData u = MeasuredData.parse("time_ms,voltage_in,current_mA\n0,1,2\n1,2,4\n", "u.csv", Map.of(), true, TVI);
    assertThat(u.get(Role.TIME)).containsExactly(0, 1e-3);
    assertThat(u.get(Role.VOLTAGE)).containsExactly(1, 2);
    assertThat(u.get(Role.CURRENT)).containsExactly(2e-3, 4e-3);
    assertThatThrownBy(() -> MeasuredData.parse("t / min,v,i\n0,1,2\n1,2,4\n", "m.csv", Map.of(), true, TVI))
        .hasMessageContaining("column 't / min' is in 'min', expected a time unit");
    // a prefix no device measurement has (caps lock on: MA for mA, Ms for ms) is refused, not read as mega
    assertThatThrownBy(() -> MeasuredData.parse("t (s),v (V),I (MA)\n0,1,2\n1,2,4\n", "c.csv", Map.of(), true, TVI))
        .hasMessageContaining("column 'I (MA)' is in 'MA'").hasMessageContaining("mA");
    assertThatThrownBy(() -> MeasuredData.parse("t (Ms),v (V),i (A)\n0,1,2\n1,2,4\n", "c.csv", Map.of(), true, TVI))
        .hasMessageContaining("'Ms'");
    assertThatThrownBy(() -> MeasuredData.parse("t,v,current_MA\n0,1,2\n1,2,4\n", "c.csv", Map.of(), true, TVI))
        .hasMessageContaining("column 'current_MA' is in 'MA'");
    assertThat(MeasuredData.parse("t (s),v (kV),i (A)\n0,1,2\n1,2,4\n", "k.csv", Map.of(), true, TVI).get(Role.VOLTAGE))
        .containsExactly(1e3, 2e3);
  }

  @Test
  void decimalCommasWithSemicolonOrTabSeparators() {
    MeasuredData d = MeasuredData.parse("Zeit (ms);Spannung (V);Strom (mA)\n0,0;3,99;5,87\n0,2;4,01;5,95\n", "de.csv",
        MeasuredData.parseColumns("t=Zeit,v=Spannung,i=Strom"), true, TVI);
    assertThat(d.get(Role.TIME)).containsExactly(0, 0.2e-3);
    assertThat(d.get(Role.VOLTAGE)).containsExactly(3.99, 4.01);
    assertThat(d.get(Role.CURRENT)).containsExactly(5.87e-3, 5.95e-3);
    MeasuredData tab = MeasuredData.parse("t\tv\ti\n0\t1,5\t2,5E-3\n1\t2,5\t3,5E-3\n", "tab.csv", Map.of(), true, TVI);
    assertThat(tab.get(Role.CURRENT)).containsExactly(2.5e-3, 3.5e-3);
    // with comma separators a comma is never a decimal mark
    MeasuredData comma = MeasuredData.parse("t,v,i\n0,1,2\n1,2,3\n", "c.csv", Map.of(), true, TVI);
    assertThat(comma.get(Role.CURRENT)).containsExactly(2, 3);
  }

  @Test
  void repeatedHeaderRowsJoinSeveralSweepsInFileOrder() {
    String block = "V (V),I (mA)\n1,1\n2,2\n3,30\n";
    MeasuredData d = MeasuredData.parse("# two sweeps\n" + block + "\n" + block, "two.csv", Map.of(), false,
        Role.VOLTAGE, Role.CURRENT);
    assertThat(d.get(Role.VOLTAGE)).containsExactly(1, 2, 3, 1, 2, 3);
    assertThat(d.get(Role.CURRENT)).containsExactly(1e-3, 2e-3, 30e-3, 1e-3, 2e-3, 30e-3);
    assertThat(d.line(3)).isEqualTo(8);
    assertThat(d.warnings()).singleElement().asString().contains("2 blocks").contains("line 7");
    // transients: a second record whose time starts again is named as such
    String rec = "t (s),v (V),i (A)\n0,1,1\n1,2,2\n";
    assertThatThrownBy(() -> MeasuredData.parse(rec + rec, "p.csv", Map.of(), true, TVI))
        .hasMessageStartingWith("p.csv:5:1: time column 't (s)' does not increase").hasMessageContaining("2 blocks");
  }
}
