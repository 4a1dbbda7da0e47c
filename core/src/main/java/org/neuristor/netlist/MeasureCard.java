package org.neuristor.netlist;

import org.neuristor.netlist.control.Measure;

/**
 * A {@code .meas} card of the netlist, parsed, with its {@code file:line}.
 */
public record MeasureCard(Measure measure, String where) {}
