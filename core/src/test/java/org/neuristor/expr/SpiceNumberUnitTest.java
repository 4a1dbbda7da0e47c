package org.neuristor.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 17 item 3: units after numbers are converted to the declared unit or refused, never read as prefixes. */
class SpiceNumberUnitTest {
  @Test
  void aUnitIsConvertedToTheDeclaredUnit() {
    // before: SpiceNumber.parse("20ms") read m as milli and dropped s: 0.02, i.e. 0.02 ms for tau_m
    assertThat(SpiceNumber.parse("20ms", "ms")).isEqualTo(20.0);
    assertThat(SpiceNumber.parse("0.02s", "ms")).isEqualTo(20.0);
    assertThat(SpiceNumber.parse("20000us", "ms")).isEqualTo(20.0);
    assertThat(SpiceNumber.parse("20", "ms")).isEqualTo(20.0);
    assertThat(SpiceNumber.parse("-50mV", "mV")).isEqualTo(-50.0);
    assertThat(SpiceNumber.parse("-0.05V", "mV")).isEqualTo(-50.0);
    assertThat(SpiceNumber.parse("-50mv", "mV")).isEqualTo(-50.0);
    assertThat(SpiceNumber.parse("200pF", "F")).isEqualTo(200e-12);
    assertThat(SpiceNumber.parse("200ms", "s")).isEqualTo(0.2);
    assertThat(SpiceNumber.parse("10 nS", "S")).isEqualTo(10e-9);
    assertThat(SpiceNumber.parse("4nA", "nA")).isEqualTo(4.0);
    assertThat(SpiceNumber.parse("10MOhm", "MOhm")).isEqualTo(10.0);
    assertThat(SpiceNumber.parse("1kohm", "Ohm")).isEqualTo(1000.0);
    assertThat(SpiceNumber.parse("10uA/cm2", "uA/cm2")).isEqualTo(10.0);
    assertThat(SpiceNumber.parse("20Hz", "Hz")).isEqualTo(20.0);
  }

  @Test
  void aUnitIsNeverReadAsAPrefix() {
    assertThat(SpiceNumber.parse("1F", "F")).isEqualTo(1.0);
    assertThat(SpiceNumber.parse("300K", "K")).isEqualTo(300.0);
    // lower case single letters stay SPICE suffixes
    assertThat(SpiceNumber.parse("1f", "F")).isEqualTo(1e-15);
    assertThat(SpiceNumber.parse("1m", "V")).isEqualTo(1e-3);
  }

  @Test
  void spiceSuffixesScaleWhereTheUnitHasNoPrefix() {
    assertThat(SpiceNumber.parse("1k", "Ohm")).isEqualTo(1000.0);
    assertThat(SpiceNumber.parse("2meg", "Ohm")).isEqualTo(2e6);
    assertThat(SpiceNumber.parse("100n", "s")).isEqualTo(100e-9);
    assertThat(SpiceNumber.parse("1k", "1")).isEqualTo(1000.0);
    assertThat(SpiceNumber.parse("10%", "1")).isEqualTo(0.1);
    assertThat(SpiceNumber.parse("10%", "-")).isEqualTo(0.1);
    assertThat(SpiceNumber.parse("inf", "s")).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void wrongOrAmbiguousUnitsAreRefusedNamingTheExpectedUnit() {
    assertThatThrownBy(() -> SpiceNumber.parse("200mV", "F")).hasMessageContaining("expected a value in F");
    assertThatThrownBy(() -> SpiceNumber.parse("6xyz", "S")).hasMessageContaining("expected a value in S");
    assertThatThrownBy(() -> SpiceNumber.parse("20mV", "ms")).hasMessageContaining("in ms");
    assertThatThrownBy(() -> SpiceNumber.parse("10ns", "nS")).hasMessageContaining("in nS");
    assertThatThrownBy(() -> SpiceNumber.parse("4n", "nA")).hasMessageContaining("ambiguous").hasMessageContaining("4nA");
    assertThatThrownBy(() -> SpiceNumber.parse("20m", "ms")).hasMessageContaining("ambiguous");
    assertThatThrownBy(() -> SpiceNumber.parse("1M", "Ohm")).hasMessageContaining("meg");
    assertThatThrownBy(() -> SpiceNumber.parse("10V", "1")).hasMessageContaining("plain number");
    assertThatThrownBy(() -> SpiceNumber.parse("abc", "V")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> SpiceNumber.parse("", "V")).hasMessageContaining("not a number");
  }

  @Test
  void valuesWithoutADeclaredUnitTakeSuffixesAndSiSymbols() {
    assertThat(SpiceNumber.parse("20k", SpiceNumber.ANY_UNIT)).isEqualTo(20e3);
    assertThat(SpiceNumber.parse("1nF", SpiceNumber.ANY_UNIT)).isEqualTo(1e-9);
    assertThat(SpiceNumber.parse("100us", SpiceNumber.ANY_UNIT)).isEqualTo(100e-6);
    assertThat(SpiceNumber.parse("1f", SpiceNumber.ANY_UNIT)).isEqualTo(1e-15);
    assertThatThrownBy(() -> SpiceNumber.parse("1F", SpiceNumber.ANY_UNIT)).hasMessageContaining("femto");
    assertThatThrownBy(() -> SpiceNumber.parse("1xyz", SpiceNumber.ANY_UNIT)).hasMessageContaining("wrong unit");
  }

  @Test
  void aWrongUnitsMessageShowsAPrefixedUnitAUserWouldWrite() {
    // "e.g. 2ks" (kiloseconds) was the example for every time option (--width 2V, --duration 50V)
    assertThatThrownBy(() -> SpiceNumber.parse("2V", "s")).hasMessageContaining("e.g. 5ms)")
        .hasMessageNotContaining("2ks");
    assertThatThrownBy(() -> SpiceNumber.parse("1kV", "Ohm")).hasMessageContaining("e.g. 2kOhm)");
  }

  @Test
  void theUnitWrittenAfterAValueOfUndeclaredUnit() {
    assertThat(SpiceNumber.writtenUnit("1nF")).isEqualTo("F");
    assertThat(SpiceNumber.writtenUnit("10kohm")).isEqualTo("Ohm");
    assertThat(SpiceNumber.writtenUnit("2megHz")).isEqualTo("Hz");
    assertThat(SpiceNumber.writtenUnit("3 V")).isEqualTo("V");
    assertThat(SpiceNumber.writtenUnit("5\u00b5s")).isEqualTo("s");
    assertThat(SpiceNumber.writtenUnit("1n")).isNull();
    assertThat(SpiceNumber.writtenUnit("20k")).isNull();
    assertThat(SpiceNumber.writtenUnit("3")).isNull();
    assertThat(SpiceNumber.writtenUnit("1F")).isNull(); // femto or farad: refused by parse
    assertThat(SpiceNumber.writtenUnit("x")).isNull();
  }
}
