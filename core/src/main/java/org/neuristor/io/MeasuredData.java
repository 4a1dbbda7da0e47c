package org.neuristor.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuristor.NetlistException;
import org.neuristor.NeuristorException;

/**
 * Measured data as instruments export it (source-measure units, parameter analysers, scopes,
 * spreadsheets): the columns a fit needs, found by name, converted to SI units.
 *
 * <p>What is accepted:
 *
 * <ul>
 *   <li>a block of instrument settings before the column row (Keithley, Keysight exports): the
 *       header is the last non-blank text row before the first run of numeric rows; a file whose
 *       first row is numeric has no header and its columns are {@code column 1}, {@code column 2}, ...
 *   <li>a UTF-8 byte-order mark, CR-LF line ends, comma, semicolon or tab separators (the one that
 *       splits most rows into two or more numbers), RFC 4180 double quotes around names and numbers,
 *       decimal commas where the separator is a semicolon or a tab ({@code 3,99;5,87}), blank rows
 *       (all cells empty), comment rows starting with {@code #};
 *   <li>columns found case-insensitively by role: exact name, or a name given by the user
 *       ({@code t=Time,v=SMU-1 Voltage}, exact first, then as a substring), or a default substring
 *       ({@code time}, {@code volt}, {@code current}), or the bare symbol ({@code t}, {@code v} or
 *       {@code u}, {@code i}); the column order may differ between files;
 *   <li>a unit in the header, in parentheses or brackets after the name ({@code Current (mA)},
 *       {@code t [ms]}) or after a slash ({@code t / ms}, ISO 80000), with an SI prefix
 *       (f p n u µ m, and k for a voltage or a conductance: a capital typed for a small unit, MA
 *       for mA, is refused, never read as mega), and a unit of the column's role after an
 *       underscore or a space ({@code current_mA}, {@code Time ms}); a column without a unit is
 *       taken as SI;
 *   <li>empty and not-a-number cells ({@code NaN}, {@code NA}, {@code #N/A}, {@code inf}, a
 *       spreadsheet's {@code #VALUE!}, SCPI's 9.91E37): in a column that is not used they are
 *       ignored; a row with one in a used column is skipped and counted in {@link #warnings()};
 *   <li>several blocks under repeated copies of the header row (several sweeps in one file): read
 *       one after another, in file order, as one measurement, and said in {@link #warnings()}.
 * </ul>
 *
 * <p>Everything else is a one-line {@link NetlistException} {@code file:line:col: what was expected}
 * (exit code 2): no numeric rows, a missing or ambiguous column, text in a used column, a unit that
 * does not fit the role, a time column that does not increase.
 */
public final class MeasuredData {

  /** What a column holds: its name in messages, default name fragments and the SI unit. */
  public enum Role {
    TIME("t", "time", "s", "time", "t"),
    /** Symbol v, or u (IEC 60027's U for a voltage). */
    VOLTAGE("v", "voltage", "V", "volt", "u"),
    CURRENT("i", "current", "A", "current", "i"),
    /** A conductance or any other pulse-response quantity (arbitrary units allowed). */
    CONDUCTANCE("g", "conductance", "S", "conduct", "g");

    private final String key;
    private final String label;
    private final String unit;
    private final String fragment;
    private final String symbol;

    Role(String key, String label, String unit, String fragment, String symbol) {
      this.key = key;
      this.label = label;
      this.unit = unit;
      this.fragment = fragment;
      this.symbol = symbol;
    }

    /** The short key used in {@code --columns} ({@code t}, {@code v}, {@code i}, {@code g}). */
    public String key() {
      return key;
    }

    /** The SI unit. */
    public String unit() {
      return unit;
    }

    /** The role of a {@code --columns} key, or null. */
    public static Role ofKey(String k) {
      for (Role r : values()) {
        if (r.key.equalsIgnoreCase(k) || r.label.equalsIgnoreCase(k)) {
          return r;
        }
      }
      return null;
    }
  }

  private final String file;
  private final List<String> header;
  private final Map<Role, double[]> values;
  private final Map<Role, String> columnNames;
  private final int[] lines;
  private final List<String> warnings;

  private MeasuredData(String file, List<String> header, Map<Role, double[]> values, Map<Role, String> columnNames,
      int[] lines, List<String> warnings) {
    this.file = file;
    this.header = header;
    this.values = values;
    this.columnNames = columnNames;
    this.lines = lines;
    this.warnings = warnings;
  }

  /** The file name as given. */
  public String file() {
    return file;
  }

  /** The header's column names (or {@code column 1} ... for a file without header). */
  public List<String> header() {
    return header;
  }

  /** Number of rows read. */
  public int rows() {
    return lines.length;
  }

  /** The values of a role in SI units (one per row). */
  public double[] get(Role r) {
    double[] v = values.get(r);
    if (v == null) {
      throw new IllegalArgumentException("role " + r + " was not requested");
    }
    return v;
  }

  /** Whether the role was read. */
  public boolean has(Role r) {
    return values.containsKey(r);
  }

  /** The header name of the column read for a role. */
  public String columnName(Role r) {
    return columnNames.get(r);
  }

  /** The 1-based file line of row {@code k}. */
  public int line(int k) {
    return lines[k];
  }

  /** Things that were skipped (rows with empty cells), one sentence each. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Parses {@code --columns} text {@code t=Time (s),v=SMU-1 Voltage,i=Current} (keys t, v, i, g or
   * time, voltage, current, conductance; a value may also be a 1-based column number).
   */
  public static Map<Role, String> parseColumns(String spec) {
    Map<Role, String> out = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      Role r = eq > 0 ? Role.ofKey(part.substring(0, eq).trim()) : null;
      if (r == null || part.substring(eq + 1).isBlank()) {
        throw NeuristorException.input("--columns: expected key=NAME with key t, v, i or g, got '" + part.trim() + "'");
      }
      out.put(r, part.substring(eq + 1).trim());
    }
    return out;
  }

  /**
   * Reads the columns of {@code roles} from a file.
   *
   * @param names user column names by role (may be empty): exact header name (case-insensitive),
   *     1-based column number, or a substring of one header name
   * @param increasingTime whether a {@link Role#TIME} column must strictly increase
   */
  public static MeasuredData read(Path path, Map<Role, String> names, boolean increasingTime, Role... roles) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw NeuristorException.input(path + ": not a UTF-8 text file");
    } catch (IOException e) {
      throw NeuristorException.cannotRead("", path, e);
    }
    return parse(text, path.toString(), names, increasingTime, roles);
  }

  /** Reads from text; {@code file} names the source in messages. */
  public static MeasuredData parse(String text, String file, Map<Role, String> names, boolean increasingTime,
      Role... roles) {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    String[] raw = text.split("\r\n|\n|\r", -1);
    char sep = separator(raw);
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < raw.length; k++) {
      rows.add(Row.split(raw[k], sep, file, k + 1));
    }
    boolean decimalComma = sep != ',';
    // the first numeric row that starts a run of at least two numeric rows (or the last one)
    int first = -1;
    for (int k = 0; k < rows.size(); k++) {
      if (rows.get(k).numeric(decimalComma)) {
        int next = k + 1;
        while (next < rows.size() && rows.get(next).blank()) {
          next++;
        }
        if (next >= rows.size() || rows.get(next).numeric(decimalComma)) {
          first = k;
          break;
        }
      }
    }
    if (first < 0) {
      int last = rows.size();
      while (last > 1 && rows.get(last - 1).blank()) {
        last--;
      }
      throw new NetlistException(file, last, 1,
          "no numeric rows: expected a header row naming the columns followed by rows of numbers");
    }
    int headerIdx = first - 1;
    while (headerIdx >= 0 && rows.get(headerIdx).blank()) {
      headerIdx--;
    }
    // rows of numbers above the header row: that "header" is a data row with a cell that is not a number (a typo;
    // not-a-number cells are numeric here), and the rows above it were dropped without a word
    for (int k = 0; k < headerIdx; k++) {
      if (rows.get(k).numeric(decimalComma)) {
        throw new NetlistException(file, headerIdx + 1, 1, "row '" + raw[headerIdx].strip() + "' between rows of "
            + "numbers (line " + (k + 1) + " and line " + (first + 1) + ") has a cell that is not a number; expected "
            + "a header row naming the columns followed by rows of numbers");
      }
    }
    List<String> header = new ArrayList<>();
    int headerLine;
    boolean hasHeader = headerIdx >= 0 && !rows.get(headerIdx).numeric(decimalComma);
    if (hasHeader) {
      header.addAll(rows.get(headerIdx).cells);
      headerLine = headerIdx + 1;
    } else {
      headerLine = first + 1;
      for (int c = 0; c < rows.get(first).cells.size(); c++) {
        header.add("column " + (c + 1));
      }
    }
    Map<Role, Integer> index = new LinkedHashMap<>();
    Map<Role, Double> scale = new LinkedHashMap<>();
    Map<Role, String> columnNames = new LinkedHashMap<>();
    for (Role r : roles) {
      int c = find(header, r, names.get(r), file, headerLine);
      for (Map.Entry<Role, Integer> e : index.entrySet()) {
        if (e.getValue() == c) {
          throw new NetlistException(file, headerLine, 1, "column '" + header.get(c) + "' matches both " + e.getKey().label
              + " and " + r.label + "; name them with --columns " + e.getKey().key + "=...," + r.key + "=...");
        }
      }
      index.put(r, c);
      columnNames.put(r, header.get(c));
      scale.put(r, unitScale(header.get(c), r, file, headerLine));
    }
    List<double[]> data = new ArrayList<>();
    List<Integer> lineNos = new ArrayList<>();
    int skipped = 0;
    int firstSkipped = 0;
    int blocks = 1;
    int secondBlock = 0;
    for (int k = first; k < rows.size(); k++) {
      Row row = rows.get(k);
      if (row.blank() || row.comment(decimalComma)) {
        continue;
      }
      if (hasHeader && row.cells.equals(header)) {
        // the header again: the next block of a file holding several sweeps
        if (blocks++ == 1) {
          secondBlock = k + 1;
        }
        continue;
      }
      double[] v = new double[roles.length];
      boolean empty = false;
      for (int q = 0; q < roles.length; q++) {
        int c = index.get(roles[q]);
        String cell = c < row.cells.size() ? row.cells.get(c) : "";
        Double d = cell.isEmpty() ? Double.valueOf(Double.NaN) : number(cell, decimalComma);
        if (d != null && d.isNaN()) {
          empty = true;
          continue;
        }
        if (d == null) {
          throw new NetlistException(file, k + 1, row.start(c), "column '" + header.get(c) + "' holds '" + cell
              + "', expected a number (" + roles[q].label + ")");
        }
        v[q] = d * scale.get(roles[q]);
      }
      if (empty) {
        if (skipped++ == 0) {
          firstSkipped = k + 1;
        }
        continue;
      }
      data.add(v);
      lineNos.add(k + 1);
    }
    if (data.isEmpty()) {
      throw new NetlistException(file, first + 1, 1, "no row has numbers in all of the columns "
          + String.join(", ", columnNames.values()));
    }
    List<String> warnings = new ArrayList<>();
    if (skipped > 0) {
      warnings.add(file + ": " + skipped + " row(s) with an empty or not-a-number cell in a used column skipped (first at"
          + " line " + firstSkipped + ")");
    }
    String blocksRead = blocks + " blocks under repeated header rows (the second at line " + secondBlock + ")";
    if (blocks > 1) {
      warnings.add(file + ": " + blocksRead + " read one after another, in file order, as one measurement");
    }
    Map<Role, double[]> values = new LinkedHashMap<>();
    int n = data.size();
    for (int q = 0; q < roles.length; q++) {
      double[] col = new double[n];
      for (int k = 0; k < n; k++) {
        col[k] = data.get(k)[q];
      }
      values.put(roles[q], col);
    }
    int[] lines = lineNos.stream().mapToInt(Integer::intValue).toArray();
    double[] t = values.get(Role.TIME);
    if (t != null && increasingTime) {
      for (int k = 1; k < n; k++) {
        if (!(t[k] > t[k - 1])) {
          throw new NetlistException(file, lines[k], 1, "time column '" + columnNames.get(Role.TIME)
              + "' does not increase (" + t[k - 1] + " s then " + t[k] + " s); expected one sample per row in time order"
              + (blocks > 1 ? "; the file has " + blocksRead + ": give one record per file" : ""));
        }
      }
    }
    return new MeasuredData(file, List.copyOf(header), values, columnNames, lines, List.copyOf(warnings));
  }

  /**
   * The separator that splits the most rows into two or more numbers (decimal commas counted where the
   * separator is not a comma); on a tie, the most frequent one outside quotes.
   */
  private static char separator(String[] lines) {
    char best = 0;
    int bestRows = 0;
    for (char c : new char[] {',', ';', '\t'}) {
      int n = 0;
      int seen = 0;
      for (String l : lines) {
        if (l.isBlank()) {
          continue;
        }
        try {
          Row r = Row.split(l, c, "", 0);
          n += r.cells.size() >= 2 && r.numeric(c != ',') ? 1 : 0;
        } catch (NetlistException e) {
          // an unterminated quote with this separator: not a numeric row
        }
        if (++seen >= 200) {
          break;
        }
      }
      if (n > bestRows) {
        best = c;
        bestRows = n;
      } else if (n == bestRows) {
        best = 0;
      }
    }
    return best != 0 ? best : mostFrequentSeparator(lines);
  }

  private static char mostFrequentSeparator(String[] lines) {
    int comma = 0;
    int semi = 0;
    int tab = 0;
    int seen = 0;
    for (String l : lines) {
      if (l.isBlank()) {
        continue;
      }
      comma += count(l, ',');
      semi += count(l, ';');
      tab += count(l, '\t');
      if (++seen >= 200) {
        break;
      }
    }
    if (comma >= semi && comma >= tab / 2) {
      return ',';
    }
    return semi >= tab ? ';' : '\t';
  }

  private static int count(String s, char c) {
    int n = 0;
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == c && !quoted) {
        n++;
      }
    }
    return n;
  }

  private static int find(List<String> header, Role r, String wanted, String file, int headerLine) {
    String cols = "'" + String.join("', '", header) + "'";
    if (wanted != null) {
      String w = wanted.toLowerCase(Locale.ROOT);
      if (w.matches("\\d+")) {
        int c = Integer.parseInt(w) - 1;
        if (c < 0 || c >= header.size()) {
          throw new NetlistException(file, headerLine, 1, "no column " + wanted + " for " + r.label + " (the file has "
              + header.size() + " columns)");
        }
        return c;
      }
      for (int c = 0; c < header.size(); c++) {
        if (header.get(c).toLowerCase(Locale.ROOT).equals(w) || bare(header.get(c)).equals(w)) {
          return c;
        }
      }
      return unique(header, w, r, file, headerLine, "no column named '" + wanted + "' for " + r.label + "; columns: " + cols);
    }
    for (int c = 0; c < header.size(); c++) {
      String b = bare(header.get(c));
      if (b.equals(r.key) || b.equals(r.symbol)) {
        return c;
      }
    }
    return unique(header, r.fragment, r, file, headerLine, "no " + r.label + " column: expected a column whose name contains '"
        + r.fragment + "' (columns: " + cols + "); name it with --columns " + r.key + "=NAME");
  }

  private static int unique(List<String> header, String fragment, Role r, String file, int headerLine, String missing) {
    int found = -1;
    for (int c = 0; c < header.size(); c++) {
      if (header.get(c).toLowerCase(Locale.ROOT).contains(fragment)) {
        if (found >= 0) {
          throw new NetlistException(file, headerLine, 1, "columns '" + header.get(found) + "' and '" + header.get(c)
              + "' both match '" + fragment + "'; choose one with --columns " + r.key + "=NAME");
        }
        found = c;
      }
    }
    if (found < 0) {
      throw new NetlistException(file, headerLine, 1, missing);
    }
    return found;
  }

  /** A unit in parentheses or brackets at the end of a name: {@code Current (mA)}, {@code t [ms]}. */
  private static final Pattern UNIT = Pattern.compile("^(.*?)\\s*[(\\[]\\s*([^()\\[\\]]*?)\\s*[)\\]]\\s*$");
  /** ISO 80000's quantity / unit: {@code t / ms}, {@code I/mA}. */
  private static final Pattern SLASH = Pattern.compile("^(.*?\\S)\\s*/\\s*([A-Za-z\u00B5\u03BC\u2126\u00B0]{1,6})\\s*$");
  /** A unit after an underscore or a space, taken only where it is a unit of the column's role: {@code current_mA}. */
  private static final Pattern SUFFIX = Pattern.compile("^(.*?\\S)[_ ]([A-Za-z\u00B5\u03BC]{1,4})$");

  /** A header name split into its name and the unit written with it (null: none). */
  private record Named(String name, String unit) {}

  /** The name and unit of a header cell for a role (null: any role's unit counts for the underscore form). */
  private static Named named(String header, Role r) {
    String h = header.strip();
    Matcher m = UNIT.matcher(h);
    if (m.matches()) {
      return new Named(m.group(1), m.group(2));
    }
    m = SLASH.matcher(h);
    if (m.matches()) {
      return new Named(m.group(1), m.group(2));
    }
    m = SUFFIX.matcher(h);
    if (m.matches()) {
      for (Role q : r == null ? Role.values() : new Role[] {r}) {
        if (!Double.isNaN(prefixed(m.group(2), q))) {
          return new Named(m.group(1), m.group(2));
        }
      }
    }
    return new Named(h, null);
  }

  /** A header name without its unit, lower case. */
  private static String bare(String name) {
    return named(name, null).name().trim().toLowerCase(Locale.ROOT);
  }

  /** The factor from the header's unit to SI for a role; 1 when the header has no unit. */
  static double unitScale(String name, Role r, String file, int line) {
    String written = named(name, r).unit();
    if (written == null) {
      return 1;
    }
    String u = written.replace('\u00B5', 'u').replace('\u03BC', 'u');
    if (u.isEmpty()) {
      return 1;
    }
    if (r == Role.CONDUCTANCE && (u.equals("a.u.") || u.equals("au") || u.equals("-") || u.equals("norm"))) {
      return 1;
    }
    double f = prefixed(u, r);
    if (f > (r == Role.TIME || r == Role.CURRENT ? 1 : 1e3)) {
      // no device measurement is in kA, ks, MV or MS: a capital typed for a small unit (MA for mA) is refused
      throw new NetlistException(file, line, 1, "column '" + name + "' is in '" + written + "', " + f + " " + r.unit
          + " per unit: not a " + r.label + " a device measurement holds; write m" + r.unit + " for milli (prefixes"
          + " f p n u m" + (r == Role.TIME || r == Role.CURRENT ? "" : " k") + ")");
    }
    if (!Double.isNaN(f)) {
      return f;
    }
    throw new NetlistException(file, line, 1, "column '" + name + "' is in '" + written + "', expected a "
        + r.label + " unit (" + r.unit + " with an optional prefix f p n u m" + (r == Role.TIME || r == Role.CURRENT ? ""
        : " k") + ")");
  }

  /** The SI factor of a unit of a role ({@code mA}, {@code s}, {@code usec}), or NaN when it is not one. */
  private static double prefixed(String unit, Role r) {
    String u = unit.replace('\u00B5', 'u').replace('\u03BC', 'u');
    for (String base : r == Role.TIME ? new String[] {r.unit, "sec"} : new String[] {r.unit}) {
      if (u.equals(base)) {
        return 1;
      }
      if (u.length() == base.length() + 1 && u.endsWith(base)) {
        double f = switch (u.charAt(0)) {
          case 'f' -> 1e-15;
          case 'p' -> 1e-12;
          case 'n' -> 1e-9;
          case 'u' -> 1e-6;
          case 'm' -> 1e-3;
          case 'k' -> 1e3;
          case 'M' -> 1e6;
          case 'G' -> 1e9;
          default -> Double.NaN;
        };
        if (!Double.isNaN(f)) {
          return f;
        }
      }
    }
    return Double.NaN;
  }

  /** Cell texts instruments and spreadsheets write for a value they do not have (compared in lower case). */
  private static final java.util.Set<String> MISSING = java.util.Set.of("nan", "+nan", "-nan", "na", "n/a", "#n/a",
      "#num!", "#value!", "#div/0!", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

  /**
   * A cell's number; NaN for a value the instrument did not have (a {@link #MISSING} text, or SCPI's
   * not-a-number 9.91E37 and overflow 9.9E37: at least 9.9E37 in magnitude); null for any other text.
   * With {@code decimalComma} a single comma is the decimal mark ({@code 3,99}).
   */
  private static Double number(String s, boolean decimalComma) {
    if (MISSING.contains(s.toLowerCase(Locale.ROOT))) {
      return Double.NaN;
    }
    String t = decimalComma && s.indexOf(',') >= 0 && s.indexOf('.') < 0 && s.indexOf(',') == s.lastIndexOf(',')
        ? s.replace(',', '.') : s;
    Double d = number(t);
    return d != null && Math.abs(d) >= 9.9e37 ? Double.valueOf(Double.NaN) : d;
  }

  private static Double number(String s) {
    try {
      double d = Double.parseDouble(s);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** One split row: trimmed, unquoted cells and where each starts (1-based column). */
  private record Row(List<String> cells, int[] starts) {
    int start(int c) {
      return c < starts.length ? starts[c] : 1;
    }

    boolean blank() {
      for (String c : cells) {
        if (!c.isEmpty()) {
          return false;
        }
      }
      return true;
    }

    /** At least one number, and every other non-empty cell a number or a not-a-number text. */
    boolean numeric(boolean decimalComma) {
      boolean any = false;
      for (String c : cells) {
        if (!c.isEmpty()) {
          Double d = number(c, decimalComma);
          if (d == null) {
            return false;
          }
          any |= !d.isNaN();
        }
      }
      return any;
    }

    /** A comment: its first cell starts with {@code #} and it is not a row of numbers. */
    boolean comment(boolean decimalComma) {
      return !cells.isEmpty() && cells.get(0).startsWith("#") && !numeric(decimalComma);
    }

    static Row split(String line, char sep, String file, int lineNo) {
      List<String> cells = new ArrayList<>();
      List<Integer> starts = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      int i = 0;
      int len = line.length();
      while (true) {
        cur.setLength(0);
        int start = i;
        while (i < len && (line.charAt(i) == ' ' || (line.charAt(i) == '\t' && sep != '\t'))) {
          i++;
        }
        if (i < len && line.charAt(i) == '"') {
          i = CsvReader.quoted(line, i + 1, cur, file, lineNo, start, "unterminated quoted cell");
          while (i < len && line.charAt(i) != sep) {
            i++; // text after the closing quote (spaces) is ignored
          }
        } else {
          while (i < len && line.charAt(i) != sep) {
            cur.append(line.charAt(i++));
          }
        }
        cells.add(cur.toString().strip());
        starts.add(start + 1);
        if (i >= len) {
          break;
        }
        i++;
      }
      return new Row(cells, starts.stream().mapToInt(Integer::intValue).toArray());
    }
  }
}
