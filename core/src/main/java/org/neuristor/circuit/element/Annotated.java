package org.neuristor.circuit.element;

import java.util.List;

/** An element with notes for the user, e.g. model parameters it accepted without effect. */
public interface Annotated {
  /** Notes, one line each; empty when there are none. */
  List<String> notes();
}
