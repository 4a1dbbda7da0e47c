package org.neuristor;

/** A model parameter outside its allowed range, an unknown parameter or an unknown preset (exit 2). */
public class ModelParameterException extends NeuristorException {
  private static final long serialVersionUID = 1L;
  private final String parameter;

  public ModelParameterException(String parameter, String message) {
    super(message, 2);
    this.parameter = parameter;
  }

  /** Name of the offending parameter (or preset). */
  public String parameter() {
    return parameter;
  }
}
