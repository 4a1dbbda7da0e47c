package org.neuristor.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.neuristor.NeuristorException;
import org.neuristor.sweep.PointResult;

/**
 * The studio's output folder: the only place its endpoints read or write files. Paths from the
 * browser are relative to it; anything that normalizes, or resolves through a symbolic link, to a
 * place outside is refused ({@link Outside}). Opens the output folders of {@code sweep} (CSV of
 * points, heat map of a two-parameter grid, curves) and of {@code network digits} (summary,
 * confusion matrix, accuracy curves, weight images) as a report. Files are only read here: a sweep
 * spec is parsed as plain YAML, never loaded as a job (which could read files it names).
 */
final class ResultsFolder {
  /** A path outside the output folder. */
  static final class Outside extends RuntimeException {
    Outside(String path) {
      super("path outside the output folder: " + path);
    }
  }

  private final Path root;

  ResultsFolder(Path root) throws IOException {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw NeuristorException.input("--out " + root + " is a file, not a folder: give a folder (it is made if missing)");
    }
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw NeuristorException.input("--out " + root + ": cannot make the output folder ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    this.root = root.toRealPath();
  }

  Path root() {
    return root;
  }

  /** {@code rel} inside the output folder, or {@link Outside}. */
  Path resolve(String rel) {
    if (rel == null || rel.indexOf('\0') >= 0 || rel.startsWith("/") || rel.startsWith("\\") || rel.contains(":")) {
      throw new Outside(String.valueOf(rel));
    }
    Path p;
    try {
      p = root.resolve(rel.isEmpty() ? "." : rel).normalize();
    } catch (RuntimeException e) {
      throw new Outside(rel);
    }
    if (!p.startsWith(root)) {
      throw new Outside(rel);
    }
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      try {
        if (!p.toRealPath().startsWith(root)) {
          throw new Outside(rel);
        }
      } catch (IOException e) {
        throw new Outside(rel);
      }
    }
    return p;
  }

  /** The path as the browser names it. */
  String relative(Path p) {
    String s = root.relativize(p).toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }

  /** Folders (the root and two levels below) holding results, newest first, with their kind. */
  List<Map<String, Object>> list() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root, 2)) {
      for (Path d : s.filter(Files::isDirectory).toList()) {
        String kind = kind(d);
        if (kind != null) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("path", relative(d));
          m.put("kind", kind);
          m.put("modified", Files.getLastModifiedTime(d).toMillis());
          out.add(m);
        }
      }
    }
    out.sort((a, b) -> Long.compare((Long) b.get("modified"), (Long) a.get("modified")));
    return out;
  }

  /**
   * What a folder holds, from its own files (not its subfolders: the output folder holding a folder named
   * {@code digits-run} is not itself a digits run).
   */
  private static String kind(Path d) throws IOException {
    boolean csv = false;
    try (Stream<Path> s = Files.list(d)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        String n = f.getFileName().toString();
        if (n.endsWith(".spec.yaml")) {
          return "sweep";
        }
        if (n.startsWith("digits")) {
          return "digits";
        }
        csv |= n.endsWith(".csv") || n.endsWith(".png");
      }
    }
    return csv ? "files" : null;
  }

  /** A report of one results folder. */
  Output open(String rel) throws IOException {
    Path d = resolve(rel);
    if (!Files.isDirectory(d)) {
      throw NeuristorException.input("not a results folder: " + rel);
    }
    String kind = kind(d);
    if ("sweep".equals(kind)) {
      return sweep(d);
    }
    return files(d, "digits".equals(kind));
  }

  private Output sweep(Path d) throws IOException {
    Path spec;
    try (Stream<Path> s = Files.list(d)) {
      spec = s.filter(f -> f.getFileName().toString().endsWith(".spec.yaml")).sorted().findFirst().orElseThrow();
    }
    String text = Files.readString(spec, StandardCharsets.UTF_8);
    JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(text);
    String name = tree.path("name").asText(spec.getFileName().toString().replace(".spec.yaml", ""));
    List<String> params = new ArrayList<>();
    for (Iterator<String> it = tree.path("parameters").fieldNames(); it.hasNext(); ) {
      params.add(it.next().toLowerCase(Locale.ROOT));
    }
    List<String> results = new ArrayList<>();
    tree.path("results").forEach(n -> results.add(n.asText().toLowerCase(Locale.ROOT)));
    Path csv = d.resolve(name + ".csv");
    if (!Files.isRegularFile(csv) || !resolve(relative(csv)).equals(csv)) {
      throw NeuristorException.input("sweep " + name + " has no results file " + relative(csv));
    }
    Table t = Table.read(csv);
    List<View.Panel> panels = new ArrayList<>();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("sweep", name);
    v.put("points", t.rows());
    v.put("failed", t.count("status", s -> !s.equals("ok")));
    v.put("parameters", params);
    v.put("results", results);
    if (params.size() == 2 && !results.isEmpty()) {
      double[] px = t.numbers(params.get(0));
      double[] py = t.numbers(params.get(1));
      double[] xs = distinct(px);
      double[] ys = distinct(py);
      if (xs.length * ys.length == t.rows()) {
        for (String r : results) {
          double[] z = t.numbers(r);
          double[][] grid = new double[ys.length][xs.length];
          for (double[] row : grid) {
            java.util.Arrays.fill(row, Double.NaN);
          }
          for (int k = 0; k < z.length; k++) {
            grid[java.util.Arrays.binarySearch(ys, py[k])][java.util.Arrays.binarySearch(xs, px[k])] = z[k];
          }
          panels.add(new View.Panel(r, params.get(0), params.get(1), "heatmap", false, false, List.of(), List.of(),
              new View.Heat(xs, ys, grid, r)));
        }
      }
    }
    if (panels.isEmpty() && !params.isEmpty()) {
      double[] x = t.numbers(params.get(0));
      for (String r : results) {
        panels.add(new View.Panel(r, params.get(0), r, "points", false, false, List.of(View.Series.of(r, x,
            t.numbers(r))), List.of(), null));
      }
    }
    return new Output(new View("sweep " + name, panels, v, "./neuristor sweep " + Shell.quote(relative(spec))
        + " --out " + Shell.quote(relative(d)) + " --json   # from the output folder; resumes, skips finished points",
        text, "sweep spec", name + ".csv", images(d)), file -> copy(csv, file));
  }

  private Output files(Path d, boolean digits) throws IOException {
    List<View.Panel> panels = new ArrayList<>();
    Map<String, Object> v = new LinkedHashMap<>();
    Path first = null;
    String spec = "";
    List<Path> files;
    try (Stream<Path> s = Files.list(d)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    // a file that does not read (empty, not UTF-8, broken JSON) is listed with its reason; the others still show
    List<String> unread = new ArrayList<>();
    for (Path f : files) {
      String n = f.getFileName().toString();
      try {
        first = show(f, n, panels, v, first);
        if (n.endsWith(".json") && Files.size(f) < 1_000_000) {
          spec = Files.readString(f, StandardCharsets.UTF_8);
        }
      } catch (IOException | NeuristorException | java.io.UncheckedIOException e) {
        unread.add(n + ": " + unreadable(n, e));
      }
    }
    v.put("files", files.stream().map(f -> f.getFileName().toString()).toList());
    if (!unread.isEmpty()) {
      v.put("unread_files", unread);
    }
    Path csv = first;
    // digits.json does not record the options of its run (hidden neurons, epochs, steps, seed): a command named
    // here with --out would not reproduce it but train another network into the same folder (it used to say so)
    String cmd = digits ? "# written by ./neuristor network digits ... --out " + Shell.quote(relative(d))
        + "; its options (hidden neurons, epochs, steps, seed) are not recorded in the folder, so no command here"
        + " reproduces it" : "# files written by a neuristor command into " + relative(d);
    return new Output(new View((digits ? "digits run " : "results ") + relative(d), panels, v, cmd, spec,
        digits ? "summary (JSON)" : "summary", csv == null ? null : csv.getFileName().toString(), images(d)),
        file -> copy(csv, file));
  }

  /** Why a file of a folder could not be shown, in one line. */
  private static String unreadable(String name, Exception e) {
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return "not UTF-8 text";
    }
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
      return "not valid JSON (" + Errors.oneLine(j.getOriginalMessage()) + ")";
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return Errors.oneLine(m.startsWith(name + " ") ? m.substring(name.length() + 1) : m);
  }

  /** Adds what one file of a folder shows (its values, or a panel of its curves); returns the first CSV shown. */
  private static Path show(Path f, String n, List<View.Panel> panels, Map<String, Object> v, Path first)
      throws IOException {
    if (n.endsWith(".json") && Files.size(f) < 1_000_000) {
      JsonNode j = new ObjectMapper().readTree(f.toFile());
      if (j == null || !j.isObject()) {
        throw NeuristorException.input("not a JSON object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = j.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("confusion") && e.getValue().isArray()) {
          panels.add(confusion(e.getValue()));
        } else if (e.getValue().isValueNode()) {
          v.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : e.getValue().asText());
        }
      }
    } else if (n.endsWith(".csv") && Files.size(f) < 20_000_000) {
      Table t = Table.read(f);
      if (t.columns().size() >= 2) {
        // one panel per column, each with its own y axis: a digits sweep's accuracy (0.7), spikes (21) and energy
        // (2.6e-13 J) on one axis drew the accuracy and the energy as flat lines at 0
        double[] x = t.numbers(t.columns().get(0));
        List<String> ys = t.columns().subList(1, Math.min(t.columns().size(), 5));
        for (String c : ys) {
          panels.add(new View.Panel(ys.size() == 1 ? n : n + ": " + c, t.columns().get(0), "", "points", false, false,
              List.of(View.Series.of(c, x, t.numbers(c))), List.of(), null));
        }
        return first == null ? f : first;
      }
    }
    return first;
  }

  private static View.Panel confusion(JsonNode m) {
    int n = m.size();
    double[][] z = new double[n][n];
    double[] idx = new double[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
      for (int j = 0; j < n; j++) {
        z[i][j] = m.get(i).path(j).asDouble(Double.NaN);
      }
    }
    return new View.Panel("confusion matrix", "predicted", "true digit", "heatmap", false, false, List.of(), List.of(),
        new View.Heat(idx, idx, z, "count"));
  }

  private List<String> images(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".png")).sorted().map(this::relative).toList();
    }
  }

  private static Path copy(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      return Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw NeuristorException.input("cannot copy " + from.getFileName() + ": " + e.getMessage());
    }
  }

  private static double[] distinct(double[] a) {
    TreeSet<Double> s = new TreeSet<>();
    for (double x : a) {
      s.add(x);
    }
    return s.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A CSV file with a header (RFC 4180 quoting, as the sweep log writes it), cells as text. */
  record Table(List<String> columns, List<List<String>> cells) {
    static Table read(Path f) throws IOException {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        throw NeuristorException.input(f.getFileName() + " is empty");
      }
      List<String> header = PointResult.split(lines.get(0)).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
      List<List<String>> rows = new ArrayList<>();
      for (String l : lines.subList(1, lines.size())) {
        if (!l.isEmpty()) {
          rows.add(PointResult.split(l));
        }
      }
      return new Table(header, rows);
    }

    int rows() {
      return cells.size();
    }

    double[] numbers(String column) {
      int c = columns.indexOf(column);
      double[] out = new double[cells.size()];
      for (int r = 0; r < out.length; r++) {
        List<String> row = cells.get(r);
        try {
          out[r] = c >= 0 && c < row.size() && !row.get(c).isEmpty() ? Double.parseDouble(row.get(c)) : Double.NaN;
        } catch (NumberFormatException e) {
          out[r] = Double.NaN;
        }
      }
      return out;
    }

    long count(String column, java.util.function.Predicate<String> p) {
      int c = columns.indexOf(column);
      return c < 0 ? 0 : cells.stream().filter(r -> c < r.size() && p.test(r.get(c))).count();
    }
  }
}
