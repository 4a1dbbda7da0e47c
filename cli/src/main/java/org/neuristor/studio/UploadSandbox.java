package org.neuristor.studio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuristor.NeuristorException;

/**
 * Uploaded netlist files in a file system of their own (the JDK's zip file system, held in memory
 * until closed), so that compiling them cannot read anything else: the netlist reader resolves
 * {@code .include} against the including file's folder, which here is a folder of this file system,
 * and an absolute path or {@code ..} stays inside it too. An include of a file that was not
 * uploaded fails as a missing file, naming the netlist line.
 */
final class UploadSandbox implements AutoCloseable {
  static final int MAX_FILES = 20;

  private final Path zip;
  private final FileSystem fs;
  private final List<String> names;

  private UploadSandbox(Path zip, FileSystem fs, List<String> names) {
    this.zip = zip;
    this.fs = fs;
    this.names = names;
  }

  /**
   * The files, by plain name (letters, digits, {@code . _ -}; no folders).
   *
   * @param files name to text; the first is the main netlist unless a request names another
   */
  static UploadSandbox of(Map<String, String> files) {
    if (files == null || files.isEmpty()) {
      throw NeuristorException.input("no netlist uploaded");
    }
    if (files.size() > MAX_FILES) {
      throw NeuristorException.input("at most " + MAX_FILES + " files per upload, got " + files.size());
    }
    for (String n : files.keySet()) {
      checkName(n);
    }
    Path zip = null;
    FileSystem fs = null;
    try {
      zip = Files.createTempFile("neuristor-upload-", ".zip");
      Files.delete(zip);
      fs = FileSystems.newFileSystem(zip, Map.of("create", "true"));
      for (Map.Entry<String, String> e : files.entrySet()) {
        Files.writeString(fs.getPath("/", e.getKey()), e.getValue() == null ? "" : e.getValue(),
            StandardCharsets.UTF_8);
      }
      return new UploadSandbox(zip, fs, new ArrayList<>(files.keySet()));
    } catch (IOException e) {
      close(fs, zip);
      throw NeuristorException.input("cannot hold the upload: " + e.getMessage());
    }
  }

  /**
   * Refuses an uploaded file's name unless it is plain: letters, digits, {@code . _ -}, no folders
   * (so that it can never name a path).
   */
  static String checkName(String n) {
    if (n == null || !n.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw NeuristorException.input("upload file name '" + n + "': use letters, digits, '.', '_' and '-' only");
    }
    return n;
  }

  List<String> names() {
    return names;
  }

  /** An uploaded file; a name that was not uploaded is a user error. */
  Path path(String name) {
    if (!names.contains(name)) {
      throw NeuristorException.input("'" + name + "' was not uploaded; files: " + String.join(", ", names));
    }
    return fs.getPath("/", name);
  }

  @Override
  public void close() {
    close(fs, zip);
  }

  private static void close(FileSystem fs, Path zip) {
    try {
      if (fs != null) {
        fs.close();
      }
    } catch (IOException | RuntimeException e) {
      // the zip is a scratch copy: nothing to keep
    }
    try {
      if (zip != null) {
        Files.deleteIfExists(zip);
      }
    } catch (IOException e) {
      // best effort
    }
  }
}
