package org.neuristor.netlist;

import java.util.List;
import java.util.Locale;

/** {@code .param} cards and (later) user functions defined with {@code .func}. */
final class FunctionTable {

  /** A {@code .param name=value ...} card: defines each parameter in the scope. */
  void params(SourceLine sl, ParamScope scope) {
    List<Token> toks = NetlistReader.tokenize(sl);
    for (int k = 1; k < toks.size(); k++) {
      Token t = toks.get(k);
      int eq = t.text().indexOf('=');
      if (eq <= 0) {
        throw sl.error(t.index(), ".param needs name=value, got '" + t.text() + "'");
      }
      scope.define(t.text().substring(0, eq).toLowerCase(Locale.ROOT), t.text().substring(eq + 1), sl,
          t.index() + eq + 1);
    }
  }

  /** A {@code .func} card. */
  void func(SourceLine sl) {
    throw sl.error(0, ".func is not supported; write the expression inline or as .param");
  }
}
