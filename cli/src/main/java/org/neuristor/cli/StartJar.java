package org.neuristor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.neuristor.io.AtomicFiles;

/**
 * Writes the launcher's start jar: the classes a class list names (the launcher's training runs, JDK 17-23),
 * copied from the command-line jar with its manifest and Neuristor's small resources, stored uncompressed. The
 * launcher puts it on the class path before the full jar and makes the start-up archive from both, so that a
 * command whose classes all come from the archive never opens the full jar: opening a jar reads its whole
 * central directory (the shaded jar has ~10,500 entries: ~15 ms on the main thread at every start, and the JIT
 * then compiles the zip reader's loops, ~40 ms of compiler CPU on the second core). A class or resource the start
 * jar lacks is found in the full jar behind it, as before; both hold the same bytes.
 *
 * <p>Usage: {@code java -cp neuristor.jar org.neuristor.cli.StartJar CLASSLIST FULL_JAR OUT_JAR}
 */
public final class StartJar {
  /** Resources of our own larger than this stay in the full jar only (data sets such as the MNIST images). */
  static final long MAX_RESOURCE_BYTES = 256 * 1024;
  private static final String MANIFEST = "META-INF/MANIFEST.MF";

  private StartJar() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: StartJar CLASSLIST FULL_JAR OUT_JAR");
      System.exit(2);
    }
    int n = write(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    System.out.println(n + " entries");
  }

  /** The entry names of the classes a class list names ({@code -XX:DumpLoadedClassList} format). */
  static Set<String> classEntries(Path classList) throws IOException {
    Set<String> names = new HashSet<>();
    for (String line : Files.readAllLines(classList, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith("@")) {
        continue; // comments, lambda-proxy and other directives
      }
      int end = line.indexOf(' ');
      names.add((end < 0 ? line : line.substring(0, end)) + ".class");
    }
    return names;
  }

  /** Whether the start jar takes the full jar's entry {@code e}. */
  static boolean taken(ZipEntry e, Set<String> classes) {
    String name = e.getName();
    if (e.isDirectory()) {
      return false;
    }
    if (name.equals(MANIFEST) || classes.contains(name)) {
      return true;
    }
    return name.startsWith("org/neuristor/") && !name.endsWith(".class") && e.getSize() >= 0
        && e.getSize() <= MAX_RESOURCE_BYTES;
  }

  /** Writes the start jar {@code out} (atomically) from {@code full}; returns the number of entries. */
  static int write(Path classList, Path full, Path out) throws IOException {
    Set<String> classes = classEntries(classList);
    int[] count = {0};
    try (ZipFile jar = new ZipFile(full.toFile())) {
      AtomicFiles.write(out, os -> copy(jar, classes, os, count));
    }
    return count[0];
  }

  private static void copy(ZipFile jar, Set<String> classes, OutputStream os, int[] count) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(os);
    zip.setMethod(ZipOutputStream.STORED);
    ZipEntry manifest = jar.getEntry(MANIFEST);
    if (manifest != null) {
      put(jar, manifest, zip); // first, as jar readers expect
      count[0]++;
    }
    for (Enumeration<? extends ZipEntry> en = jar.entries(); en.hasMoreElements(); ) {
      ZipEntry e = en.nextElement();
      if (!e.getName().equals(MANIFEST) && taken(e, classes)) {
        put(jar, e, zip);
        count[0]++;
      }
    }
    zip.finish();
  }

  private static void put(ZipFile jar, ZipEntry e, ZipOutputStream zip) throws IOException {
    byte[] bytes;
    try (InputStream in = jar.getInputStream(e)) {
      bytes = in.readAllBytes();
    }
    ZipEntry copy = new ZipEntry(e.getName());
    copy.setMethod(ZipEntry.STORED);
    copy.setSize(bytes.length);
    copy.setCompressedSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    copy.setCrc(crc.getValue());
    if (e.getTime() >= 0) {
      copy.setTime(e.getTime());
    }
    zip.putNextEntry(copy);
    zip.write(bytes);
    zip.closeEntry();
  }
}
