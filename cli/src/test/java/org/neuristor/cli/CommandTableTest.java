package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@link CommandTable} is generated from the commands' annotations ({@link CommandTableGenerator}); this test
 * regenerates it in memory and compares, so that the fast path cannot drift from the commands. With {@code
 * -Dneuristor.writeTable=true} it writes the file instead.
 */
class CommandTableTest {
  @Test
  void commandTableIsGeneratedFromTheAnnotations() throws Exception {
    String generated = CommandTableGenerator.source();
    if (Boolean.getBoolean("neuristor.writeTable")) {
      Files.writeString(CommandTableGenerator.FILE, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(CommandTableGenerator.FILE, StandardCharsets.UTF_8))
        .as("cli/src/main/java/org/neuristor/cli/CommandTable.java is stale: refresh it with " + CommandTableGenerator.REFRESH)
        .isEqualTo(generated);
  }
}
