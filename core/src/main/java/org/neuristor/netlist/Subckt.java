package org.neuristor.netlist;

import java.util.List;
import java.util.Map;

/**
 * A {@code .subckt} definition: pins, parameter defaults, body lines, its header line, and the scope
 * it was defined in (a definition nested in another subcircuit is visible only inside that one, as
 * in ngspice; its body resolves names lexically from there).
 */
record Subckt(String name, List<String> pins, Map<String, Token> defaults, List<SourceLine> body,
    SourceLine header, Scope definedIn) {}
