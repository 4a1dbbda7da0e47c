package org.neuristor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start jar holds exactly the listed classes, the manifest and our small resources, byte for byte. */
class StartJarTest {
  @TempDir Path dir;

  @Test
  void copiesTheListedClassesTheManifestAndSmallResources() throws Exception {
    Path full = dir.resolve("full.jar");
    byte[] big = new byte[(int) StartJar.MAX_RESOURCE_BYTES + 1];
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(full))) {
      put(z, "org/", new byte[0]);
      put(z, "org/neuristor/cli/Main.class", bytes("main"));
      put(z, "org/neuristor/cli/Main$Version.class", bytes("version"));
      put(z, "org/neuristor/cli/Other.class", bytes("other"));
      put(z, "META-INF/MANIFEST.MF", bytes("Manifest-Version: 1.0\r\nMain-Class: org.neuristor.cli.Main\r\n\r\n"));
      put(z, "picocli/CommandLine.class", bytes("picocli"));
      put(z, "org/neuristor/plot/glyphs.bin", bytes("glyphs"));
      put(z, "org/neuristor/digits/huge.gz", big);
      put(z, "META-INF/services/x.Y", bytes("z"));
    }
    Path list = dir.resolve("all.classlist");
    Files.writeString(list, String.join("\n", "# NOTE: Do not modify this file.", "java/lang/Object id: 1",
        "org/neuristor/cli/Main", "org/neuristor/cli/Main$Version", "picocli/CommandLine",
        "@lambda-proxy org/neuristor/cli/Main run ()V", "org/neuristor/cli/Missing", ""));
    Path out = dir.resolve("start.jar");

    assertThat(StartJar.write(list, full, out)).isEqualTo(5);

    try (ZipFile start = new ZipFile(out.toFile()); ZipFile src = new ZipFile(full.toFile())) {
      List<String> names = new ArrayList<>();
      Collections.list(start.entries()).forEach(e -> names.add(e.getName()));
      assertThat(names).containsExactly("META-INF/MANIFEST.MF", "org/neuristor/cli/Main.class",
          "org/neuristor/cli/Main$Version.class", "picocli/CommandLine.class", "org/neuristor/plot/glyphs.bin");
      for (String n : names) {
        assertThat(start.getEntry(n).getMethod()).isEqualTo(ZipEntry.STORED);
        assertThat(start.getInputStream(start.getEntry(n)).readAllBytes()).as(n)
            .isEqualTo(src.getInputStream(src.getEntry(n)).readAllBytes());
      }
    }
    try (JarFile jar = new JarFile(out.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("org.neuristor.cli.Main");
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void put(ZipOutputStream z, String name, byte[] content) throws Exception {
    z.putNextEntry(new ZipEntry(name));
    OutputStream o = z;
    o.write(content);
    z.closeEntry();
  }
}
