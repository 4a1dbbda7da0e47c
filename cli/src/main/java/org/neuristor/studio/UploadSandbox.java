package org.neuristor.studio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.neuristor.NeuristorException;
import org.neuristor.netlist.CircuitCompiler;

/**
 * Uploaded netlist files in a file system of their own (the JDK's zip file system, held in memory
 * until closed), so that compiling them cannot read anything else. A file keeps its folder within the
 * upload ({@code models/x.model}, from a folder upload or a zip), so that a netlist's
 * {@code .include models/x.model} finds it as it does on disk; the netlist reader resolves
 * {@code .include} against the including file's folder, confined to the upload
 * ({@link CircuitCompiler#compileWithin}): an absolute path or a {@code ..} above the upload is an
 * error at its line, and so is an include of a file that was not uploaded.
 */
final class UploadSandbox implements AutoCloseable {
  static final int MAX_FILES = 200;
  /** Bytes a zip may unpack to (the request itself is at most 2 MB). */
  static final long MAX_UNPACKED = 16L << 20;
  /** What the netlist reader names in a message about a file outside the upload. */
  static final String SCOPE = "the uploaded files";
  /** A plain file name: it can never name a path. */
  private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  /** File name endings taken for a netlist when the request names none. */
  private static final java.util.regex.Pattern NETLIST = java.util.regex.Pattern.compile(
      "(?i).*\\.(cir|sp|spi|spice|net|ckt|deck)");

  private final Path zip;
  private final FileSystem fs;
  private final List<String> names;

  private UploadSandbox(Path zip, FileSystem fs, List<String> names) {
    this.zip = zip;
    this.fs = fs;
    this.names = names;
  }

  /**
   * The files, by path within the upload ({@link #checkPath}).
   *
   * @param files path to text; the first is the main netlist unless a request names another
   */
  static UploadSandbox of(Map<String, String> files) {
    return of(files, null, null);
  }

  /**
   * The files and the entries of an uploaded zip ({@code zipBase64}, may be null), the zip's files after the others.
   * A zip whose entries all lie in one folder is unpacked without that folder (a zipped folder {@code lif/} gives
   * {@code lif.cir} and {@code models/x.model}, as a folder upload does).
   */
  static UploadSandbox of(Map<String, String> files, String zipName, String zipBase64) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    if (files != null) {
      files.forEach((k, v) -> bytes.put(k, (v == null ? "" : v).getBytes(StandardCharsets.UTF_8)));
    }
    if (zipBase64 != null && !zipBase64.isEmpty()) {
      unzip(zipName == null || zipName.isBlank() ? "upload.zip" : zipName, zipBase64, bytes);
    }
    return ofBytes(bytes);
  }

  private static UploadSandbox ofBytes(Map<String, byte[]> files) {
    if (files.isEmpty()) {
      throw NeuristorException.input("no netlist uploaded");
    }
    if (files.size() > MAX_FILES) {
      throw NeuristorException.input("at most " + MAX_FILES + " files per upload, got " + files.size());
    }
    for (String n : files.keySet()) {
      checkPath(n);
    }
    Path zip = null;
    FileSystem fs = null;
    try {
      zip = Files.createTempFile("neuristor-upload-", ".zip");
      Files.delete(zip);
      fs = FileSystems.newFileSystem(zip, Map.of("create", "true"));
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        Path p = fs.getPath("/", e.getKey());
        if (p.getParent() != null) {
          Files.createDirectories(p.getParent());
        }
        Files.write(p, e.getValue());
      }
      return new UploadSandbox(zip, fs, new ArrayList<>(files.keySet()));
    } catch (IOException e) {
      close(fs, zip);
      throw NeuristorException.input("cannot hold the upload: " + e.getMessage());
    }
  }

  /** Adds the files of a zip (base64) to {@code out}, each entry's path checked; folders are skipped. */
  private static void unzip(String zipName, String base64, Map<String, byte[]> out) {
    checkName(zipName);
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw NeuristorException.input(zipName + ": not a zip file (the upload is not base64)");
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    long total = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(raw), StandardCharsets.UTF_8)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.isDirectory()) {
          continue;
        }
        String name = e.getName();
        try {
          checkPath(name);
        } catch (NeuristorException x) {
          throw NeuristorException.input(zipName + ": " + x.getMessage());
        }
        if (entries.size() >= MAX_FILES) {
          throw NeuristorException.input(zipName + ": at most " + MAX_FILES + " files per upload");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n = in.read(buf); n > 0; n = in.read(buf)) {
          total += n;
          if (total > MAX_UNPACKED) {
            throw NeuristorException.input(zipName + ": unpacks to more than " + (MAX_UNPACKED >> 20)
                + " MB (the studio unpacks at most that)");
          }
          b.write(buf, 0, n);
        }
        entries.put(name, b.toByteArray());
      }
    } catch (IOException e) {
      throw NeuristorException.input(zipName + ": not a zip file (" + e.getMessage() + ")");
    }
    if (entries.isEmpty()) {
      throw NeuristorException.input(zipName + ": no files in the zip (or not a zip file)");
    }
    String top = topFolder(entries.keySet());
    entries.forEach((k, v) -> {
      String name = top == null ? k : k.substring(top.length() + 1);
      if (out.putIfAbsent(name, v) != null) {
        throw NeuristorException.input(zipName + ": " + name + " is uploaded twice (in the zip and besides it)");
      }
    });
  }

  /** The one folder every path lies in, or null. */
  private static String topFolder(Iterable<String> paths) {
    String top = null;
    for (String p : paths) {
      int slash = p.indexOf('/');
      if (slash < 0 || top != null && !top.equals(p.substring(0, slash))) {
        return null;
      }
      top = p.substring(0, slash);
    }
    return top;
  }

  /**
   * Refuses a path within an upload unless each of its folders and its name is plain ({@link #checkName}): so no
   * absolute path, no {@code ..}, no empty part.
   */
  static String checkPath(String path) {
    if (path == null || path.length() > 400 || path.startsWith("/") || path.contains("\\")) {
      throw NeuristorException.input("upload file name '" + path + "': use a path relative to the upload, with '/'"
          + " between folders (an absolute path or '\\' is not taken)");
    }
    for (String part : path.split("/", -1)) {
      if (part.equals("..") || part.equals(".")) {
        throw NeuristorException.input("upload file name '" + path + "': '" + part + "' is not taken (every file"
            + " stays inside the upload)");
      }
      if (!PLAIN.matcher(part).matches()) {
        throw NeuristorException.input("upload file name '" + path + "': use letters, digits, '.', '_' and '-' in"
            + " each name, '/' between folders");
      }
    }
    return path;
  }

  /**
   * The main netlist: {@code main} when given (it must be uploaded), else the only netlist ({@code .cir}, {@code .sp},
   * ...) nearest the top of the upload, else the first file.
   */
  String main(String main) {
    if (main != null && !main.isBlank()) {
      path(main);
      return main;
    }
    List<String> top = new ArrayList<>();
    int depth = Integer.MAX_VALUE;
    for (String n : names) {
      if (NETLIST.matcher(n).matches()) {
        int d = n.split("/").length;
        if (d < depth) {
          top.clear();
          depth = d;
        }
        if (d == depth) {
          top.add(n);
        }
      }
    }
    if (top.size() > 1) {
      throw NeuristorException.input("the upload has " + top.size() + " netlists (" + String.join(", ", top.stream().sorted().toList())
          + "): choose the one to run");
    }
    return top.isEmpty() ? names.get(0) : top.get(0);
  }

  /** An uploaded file's text (as the netlist reader decodes it: UTF-8, else Latin-1). */
  String text(String name) {
    try {
      return CircuitCompiler.decode(Files.readAllBytes(path(name)));
    } catch (IOException e) {
      throw NeuristorException.input("cannot read the uploaded " + name + ": " + e.getMessage());
    }
  }

  /** The folder holding the upload: {@code .include} may reach only files below it. */
  Path root() {
    return fs.getPath("/");
  }

  /**
   * Refuses an uploaded file's name unless it is plain: letters, digits, {@code . _ -}, no folders
   * (so that it can never name a path).
   */
  static String checkName(String n) {
    if (n == null || !PLAIN.matcher(n).matches()) {
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
