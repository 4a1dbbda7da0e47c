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
      "(-2)^3 ; 8", "(-2)**3 ; 8", "pwr(-2, 3) ; -8", "u(0) ; 0.5", "ln(0) ; -1e99",
      // ngspice-39's pwl(x, points): the end segments go on (pwl(2, 0,0, 1,2) is 4), a point starts the next segment
      "pwl(0.5, 0, 0, 1, 2) ; 1", "pwl(2, 0, 0, 1, 2) ; 4", "pwl(-1, 0, 0, 1, 2, 3, 2) ; -2", "pwl(1, 0, 0, 1, 2, 3, 2) ; 2",
      // an E/G TABLE's function (ngspice-39's XSPICE pwl, input_domain=0.1): flat beyond the ends, corners rounded
      "tablepwl(-5, -1, -0.5, 0, 0, 1, 2) ; -0.5", "tablepwl(5, -1, -0.5, 0, 0, 1, 2) ; 2",
      "tablepwl(0.5, -1, -0.5, 0, 0, 1, 2) ; 1", "tablepwl(1.0112, -1, -0.5, 0, 0, 1, 2) ; 1.9605728",
      "tablepwl(0.0112, -1, -0.5, 0, 0, 1, 2) ; 0.0519704"})
  void functionValues(String text, double expected) {
    assertThat(eval(text)).isCloseTo(expected, within(1e-12));
  }

  /**
   * The inverse hyperbolic functions within an ulp of the exact value (mpmath at 200 bits, rounded to double), as the
   * C library that ngspice calls gives them: also near 0 (ngspice's regression deck xpressn-2 checks asinh(1e-9) and
   * atanh(1e-9) to 10 eps; log(x + sqrt(x^2 + 1)) kept 7 digits there), near acosh's 1 and beyond 1e154, where
   * x^2 overflowed.
   */
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "asinh(1e-9) ; 1e-09", "asinh(-1e-9) ; -1e-09", "asinh(1e-300) ; 1e-300", "asinh(1e-5) ; 9.999999999833334e-06",
      "asinh(0.1) ; 0.09983407889920756", "asinh(-0.3) ; -0.29567304756342244", "asinh(0.7) ; 0.6526665660823557",
      "asinh(1.5) ; 1.1947632172871092", "asinh(3) ; 1.8184464592320668", "asinh(-40) ; -4.382182848065498",
      "asinh(1e10) ; 23.7189981105004", "asinh(1e200) ; 461.2101657793691",
      "atanh(1e-9) ; 1e-09", "atanh(-1e-9) ; -1e-09", "atanh(1e-5) ; 1.0000000000333334e-05",
      "atanh(0.1) ; 0.10033534773107558", "atanh(0.49) ; 0.5360603366105666", "atanh(0.7) ; 0.8673005276940531",
      "atanh(-0.9) ; -1.4722194895832204", "atanh(0.999999) ; 7.254328619247669",
      "acosh(1.0000000001) ; 1.4142136208675862e-05", "acosh(1.000001) ; 0.00141421344446382",
      "acosh(1.2) ; 0.6223625037147786", "acosh(2) ; 1.3169578969248168", "acosh(3) ; 1.762747174039086",
      "acosh(1e10) ; 23.7189981105004", "acosh(1e200) ; 461.2101657793691"})
  void inverseHyperbolicFunctionsAreWithinAnUlp(String text, double exact) {
    assertThat(Math.abs(eval(text) - exact)).as(text + " = " + eval(text)).isLessThanOrEqualTo(Math.ulp(exact));
    Probe va = Probe.voltage("a");
    String arg = text.substring(text.indexOf('(') + 1, text.length() - 1);
    BehavioralSource.Function f = Expression.parse(text.substring(0, text.indexOf('(')) + "(v(a))")
        .compile(name -> null, List.of(va));
    double compiled = f.valueAndGradient(new double[] {Double.parseDouble(arg)}, 0, new double[1]);
    assertThat(compiled).as("compiled " + text).isEqualTo(eval(text));
  }

  /** Where the C library's functions are infinite or undefined, so are these (the textbook forms agree). */
  @org.junit.jupiter.api.Test
  void inverseHyperbolicFunctionsAtTheirEdgesAreTheCLibrarys() {
    assertThat(Functions.atanh(1)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Functions.atanh(-1)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Functions.atanh(1.5)).isNaN();
    assertThat(Functions.acosh(0.5)).isNaN();
    assertThat(Functions.acosh(1)).isEqualTo(0.0);
    assertThat(Functions.asinh(-0.0)).isEqualTo(-0.0);
    assertThat(Functions.asinh(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  /** d/dv of f(v(a)) from the compiled gradient equals a central difference, at points away from kinks. */
  @ParameterizedTest
  @ValueSource(strings = {"exp", "ln", "log", "log10", "sqrt", "abs", "sin", "cos", "tan", "asin", "acos", "atan",
      "sinh", "cosh", "tanh", "asinh", "atanh", "uramp", "sgn", "floor", "ceil", "int", "u"})
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
