package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/cli.md is generated from the picocli model ({@link CliDocs}); this test regenerates it and
 * compares, so the page cannot drift from the commands. With {@code -Dneuristor.writeDocs=true} it
 * writes the page instead.
 */
class CliDocsTest {
  static final Path DOC = Path.of("..", "docs", "cli.md");

  @Test
  void docsCliMdIsGeneratedFromThePicocliModel() throws Exception {
    String generated = CliDocs.markdown(Main.commandLine());
    if (Boolean.getBoolean("neuristor.writeDocs")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as("docs/cli.md is stale: regenerate it with mvn -B -pl cli -am test -Dtest=CliDocsTest "
            + "-Dneuristor.writeDocs=true -Dsurefire.failIfNoSpecifiedTests=false")
        .isEqualTo(generated);
  }

  @Test
  void everyCommandIsDocumentedWithItsOptionsUnitsAndJsonKeys() {
    String md = CliDocs.markdown(Main.commandLine());
    for (String c : new String[] {"neuristor run", "neuristor iv", "neuristor pulse", "neuristor neuron run",
        "neuristor neuron sd", "neuristor model fi", "neuristor network digits", "neuristor sweep"}) {
      assertThat(md).contains("\n## " + c + "\n");
    }
    assertThat(md).contains("| `--width` | SECONDS | s |").contains("`--json` keys: `model`, `width_s`, `pulses`");
  }
}
