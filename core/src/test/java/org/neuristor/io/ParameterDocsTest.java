package org.neuristor.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/parameters.md is exactly what the declarations generate (run with
 * {@code -Dneuristor.regenerate=true} to rewrite it after changing a declaration).
 */
class ParameterDocsTest {
  @Test
  void shippedParameterTablesAreTheGeneratedOnes() throws Exception {
    Path doc = Path.of("..", "docs", "parameters.md");
    String generated = ParameterDocs.markdown();
    if (Boolean.getBoolean("neuristor.regenerate")) {
      AtomicFiles.writeString(doc, generated);
    }
    assertThat(Files.readString(doc)).as("docs/parameters.md is stale: regenerate it (see its header)")
        .isEqualTo(generated);
  }
}
