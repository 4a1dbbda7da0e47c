package org.neuristor.netlist;

/** A token of a netlist line and its character index in the logical line. */
record Token(String text, int index) {
  String lower() {
    return text.toLowerCase(java.util.Locale.ROOT);
  }
}
