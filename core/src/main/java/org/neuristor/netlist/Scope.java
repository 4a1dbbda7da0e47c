package org.neuristor.netlist;

import java.util.HashMap;
import java.util.Map;

/**
 * One lexical scope of a netlist: the top level or the body of one subcircuit instance. Holds the
 * {@code .param}, {@code .model}, {@code .subckt} and {@code .func} definitions made there; names not
 * found are looked up in the scope the definition was written in (its parent).
 */
final class Scope {
  final Scope parent;
  final ParamScope params;
  private final Map<String, Model> models = new HashMap<>();
  private final Map<String, Subckt> subckts = new HashMap<>();

  Scope(Scope parent, ParamScope params) {
    this.parent = parent;
    this.params = params;
  }

  Model model(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Model m = s.models.get(name);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  Subckt subckt(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Subckt m = s.subckts.get(name);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  void defineModel(Model m) {
    if (models.containsKey(m.name())) {
      throw m.line().error(0, "model " + m.name() + " is defined twice");
    }
    models.put(m.name(), m);
  }

  void defineSubckt(Subckt s, int nameIndex) {
    if (subckts.containsKey(s.name())) {
      throw s.header().error(nameIndex, "subcircuit " + s.name() + " is defined twice");
    }
    subckts.put(s.name(), s);
  }
}
