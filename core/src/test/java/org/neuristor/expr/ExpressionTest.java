package org.neuristor.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuristor.circuit.element.BehavioralSource;
import org.neuristor.circuit.element.BehavioralSource.Probe;

/**
 * The expression language against hand-computed values (ngspice semantics for precedence, suffixes and
 * the B-source conventions on negative arguments), and every compiled derivative against a central
 * finite difference.
 */
class ExpressionTest {

  private static double eval(String text) {
    return Expression.parse(text).evaluate(Map.of("a", 2.0, "b", 3.0)::get);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "1+2*3 ; 7", "(1+2)*3 ; 9", "2^3^2 ; 512", "2**3 ; 8", "-2^2 ; -4", "2^-1 ; 0.5",
      "10-4-3 ; 3", "16/4/2 ; 2", "1 < 2 ; 1", "2 <= 1 ; 0", "3 > 2 && 1 ; 1", "0 || 0 ; 0",
      "1 == 1 ; 1", "1 != 1 ; 0", "!0 ; 1", "!3 ; 0", "1 ? 5 : 6 ; 5", "0 ? 5 : 6 ; 6",
      "0 ? 1 : 0 ? 2 : 3 ; 3", "{2*3} ; 6", "1k ; 1000", "1meg ; 1e6", "2.5u ; 2.5e-6", "1e-3 ; 0.001",
      "10kohm ; 10000", "1uF ; 1e-6", "5ns ; 5e-9", "1mil ; 25.4e-6", "3MEG*2 ; 6e6", "1f+1p ; 1.000001e-12",
      "1T ; 1e12", "2G ; 2e9", "pi ; 3.141592653589793", "PI*2 ; 6.283185307179586", "1 + 2 < 4 ; 1",
      "-(3) ; -3", "+4 ; 4", "2*-3 ; -6", "1 - -1 ; 2", "a*b ; 6", "A+B^2 ; 11"})
  void precedenceNumbersAndParameters(String text, double expected) {
    assertThat(eval(text)).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "exp(1) ; 2.718281828459045", "ln(exp(2)) ; 2", "log(exp(3)) ; 3", "log10(1000) ; 3", "sqrt(16) ; 4",
      "abs(-3) ; 3", "sin(0) ; 0", "cos(0) ; 1", "tan(0) ; 0", "asin(1) ; 1.5707963267948966",
      "acos(1) ; 0", "atan(1) ; 0.7853981633974483", "atan2(1, 1) ; 0.7853981633974483", "sinh(0) ; 0",
      "cosh(0) ; 1", "tanh(0) ; 0", "pow(2, 10) ; 1024", "min(3, 2) ; 2", "max(3, 2) ; 3",
      "limit(5, 0, 2) ; 2", "limit(-5, 0, 2) ; 0", "limit(1, 0, 2) ; 1", "u(1e-9) ; 1", "u(-1) ; 0",
      "uramp(-2) ; 0", "uramp(2) ; 2", "sgn(-3) ; -1", "sgn(0) ; 0", "floor(-1.5) ; -2", "ceil(-1.5) ; -1",
      "int(-1.5) ; -1", "int(1.5) ; 1", "if(1, 2, 3) ; 2", "if(0, 2, 3) ; 3",
      "sqrt(-4) ; 2", "ln(-1) ; 0", "EXP(0) ; 1",
      // ngspice-39 (B source and .param): x^y, x**y and pow(x,y) are |x|^y, pwr keeps the sign, u(0) = 0.5
      "(-2)^3 ; 8", "(-2)**3 ; 8", "pwr(-2, 3) ; -8", "u(0) ; 0.5", "ln(0) ; -1e99"})
  void functionValues(String text, double expected) {
    assertThat(eval(text)).isCloseTo(expected, within(1e-12));
  }

  /** d/dv of f(v(a)) from the compiled gradient equals a central difference, at points away from kinks. */
  @ParameterizedTest
  @ValueSource(strings = {"exp", "ln", "log", "log10", "sqrt", "abs", "sin", "cos", "tan", "asin", "acos", "atan",
      "sinh", "cosh", "tanh", "uramp", "sgn", "floor", "ceil", "int", "u"})
  void compiledGradientOfEveryUnaryFunctionMatchesFiniteDifferences(String fn) {
    Probe va = Probe.voltage("a");
    BehavioralSource.Function f = Expression.parse(fn + "(v(a))").compile(name -> null, List.of(va));
    double[] g = new double[1];
    for (double x : new double[] {-0.73, -0.31, 0.27, 0.61, 0.93}) {
      double h = 1e-6;
      double fd = (f.valueAndGradient(new double[] {x + h}, 0, g) - f.valueAndGradient(new double[] {x - h}, 0, g))
          / (2 * h);
      f.valueAndGradient(new double[] {x}, 0, g);
      assertThat(g[0]).as(fn + "'(" + x + ")").isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"1 + ; end", "(1+2 ; ')'", "foo(1) ; unknown function 'foo'",
      "sin(1,2) ; sin", "1 ? 2 ; ':'"})
  void malformedExpressionsAreRejectedWithAMessage(String text, String fragment) {
    assertThatThrownBy(() -> eval(text)).isInstanceOf(ExpressionException.class).hasMessageContaining(fragment);
  }
}
