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
    // a headerless file with 'nan' on its second row: that row became the header, the first row was dropped and the
    // fit ran on the rest, exit 0
    assertThatThrownBy(() -> MeasuredData.parse("-0.8,0.7\n-0.9,nan\n-0.7,0.6\n-0.6,0.5\n", "g.csv",
        MeasuredData.parseColumns("g=1"), false, Role.CONDUCTANCE)).isInstanceOf(NetlistException.class)
        .hasMessage("g.csv:2:1: row '-0.9,nan' between rows of numbers (line 1 and line 3) has a cell that is not a "
            + "number; expected a header row naming the columns followed by rows of numbers");
    // a settings block above the header, as instruments write it, is still read
    MeasuredData d = MeasuredData.parse("Instrument,2461\nPoints,3\n\nt (s),v (V),i (A)\n0,1,2\n1,2,3\n", "k.csv",
        Map.of(), true, TVI);
    assertThat(d.get(Role.CURRENT)).containsExactly(2.0, 3.0);
  }

  @Test
  void decimalCommasAreNamedInTheError() {
    // a European spreadsheet export: "no numeric rows" alone did not say why
    assertThatThrownBy(() -> MeasuredData.parse("Zeit (s);Spannung (V);Strom (A)\n0;1,5;0,002\n0,1;1,6;0,003\n",
        "eu.csv", Map.of(), true, TVI)).isInstanceOf(NetlistException.class)
        .hasMessage("eu.csv:3:1: no numeric rows: expected a header row naming the columns followed by rows of numbers "
            + "(numbers such as '1,5' are written with a decimal comma: save the file with a decimal point)");
    // a comma-separated file of text has no such hint
    assertThatThrownBy(() -> MeasuredData.parse("time,voltage,current\nx,y,z\n", "a.csv", Map.of(), true, TVI))
        .hasMessageEndingWith("followed by rows of numbers");
  }
}
