package org.neuristor.netlist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.neuristor.NetlistException;

/**
 * Reads netlist text into logical lines: the title, comments ({@code *} lines, inline {@code ;}
 * and {@code " $ "}), {@code +} continuations, {@code .include} and {@code .lib file section}
 * (relative to the including file, cycles refused), {@code .control ... .endc} blocks (kept as
 * {@link ControlLine}s for the control interpreter), and {@code .end}.
 */
final class NetlistReader {
  static final int MAX_INCLUDE_DEPTH = 32;
  static final int MAX_LINES = 2_000_000;

  final List<SourceLine> lines = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  /** The lines of the netlist's {@code .control ... .endc} blocks, in order. */
  final List<ControlLine> control = new ArrayList<>();
  String title = "";
  private int physicalCount;
  /**
   * Where {@code .include} may reach (null: anywhere): an absolute path, or a relative one whose {@code ..} climbs above
   * this folder, is an error at its line, and files are named relative to it in messages.
   */
  private Path root;
  /** What {@link #root} holds, for messages ("the uploaded files"). */
  private String scope;

  /** Confines {@code .include} and {@code .lib FILE} to {@code root} (see {@link #root}); {@code scope} names it. */
  NetlistReader within(Path root, String scope) {
    this.root = root.toAbsolutePath().normalize();
    this.scope = scope;
    return this;
  }

  /** A physical line before continuation joining. */
  private record Phys(String file, int line, String text) {}

  void read(String text, String fileName, Path baseDir) {
    List<Phys> phys = new ArrayList<>();
    collect(text, fileName, baseDir, phys, new HashSet<>(), 0, true);
    join(phys);
  }

  private void collect(String text, String file, Path baseDir, List<Phys> out, Set<String> active, int depth,
      boolean top) {
    String[] raw = lines(text);
    boolean inControl = false;
    for (int i = 0; i < raw.length; i++) {
      if (++physicalCount > MAX_LINES) {
        throw new NetlistException(file, i + 1, 1, "netlist has more than " + MAX_LINES + " lines");
      }
      String line = raw[i];
      if (top && i == 0) {
        title = line.trim();
        continue;
      }
      String t = line.trim();
      String lower = t.toLowerCase(Locale.ROOT);
      if (inControl) {
        if (lower.startsWith(".endc")) {
          inControl = false;
        } else if (!t.isEmpty() && !t.startsWith("*")) {
          String c = controlComment(t);
          if (!c.isEmpty()) {
            control.add(new ControlLine(file, i + 1, line.indexOf(t) + 1, c));
          }
        }
        continue;
      }
      if (lower.startsWith(".control")) {
        inControl = true;
        continue;
      }
      if (lower.equals(".end") || lower.startsWith(".end ")) {
        if (top) {
          break;
        }
        continue;
      }
      if (lower.startsWith(".endl")) {
        continue; // end of a .lib section read in full
      }
      if (lower.startsWith(".include") || lower.startsWith(".inc ") || lower.startsWith(".lib ")) {
        String arg = t.substring(t.indexOf(' ') < 0 ? t.length() : t.indexOf(' ')).trim();
        String section = null;
        if (lower.startsWith(".lib ")) {
          String[] parts = arg.split("\\s+");
          arg = parts[0];
          section = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : null;
        }
        if (arg.length() >= 2 && (arg.startsWith("\"") && arg.endsWith("\"") || arg.startsWith("'") && arg.endsWith("'"))) {
          arg = arg.substring(1, arg.length() - 1);
        }
        int col = line.indexOf(t) + 1;
        if (lower.startsWith(".lib ") && section == null && !arg.isEmpty()
            && (baseDir == null ? !Files.isRegularFile(Path.of(arg)) : !Files.isRegularFile(baseDir.resolve(arg)))) {
          // ".lib name" inside a library file opens a section: skip it unless it was asked for
          i = endOfSection(raw, i, file);
          continue;
        }
        if (arg.isEmpty()) {
          throw new NetlistException(file, i + 1, col, ".include needs a file name");
        }
        if (root != null) {
          confined(arg, baseDir, file, i + 1, col);
        }
        Path inc;
        Path norm;
        try {
          inc = baseDir == null ? Path.of(arg) : baseDir.resolve(arg);
          norm = inc.toAbsolutePath().normalize();
        } catch (RuntimeException e) {
          throw new NetlistException(file, i + 1, col, "bad .include file name '" + arg + "'");
        }
        String incName = root == null ? inc.toString() : root.relativize(norm).toString();
        // a library section may read another section of its own file (ngspice): a cycle is the same file and section
        String key = section == null ? norm.toString() : norm + "\u0000" + section;
        if (active.contains(key)) {
          throw new NetlistException(file, i + 1, col, "circular .include of " + arg);
        }
        if (depth >= MAX_INCLUDE_DEPTH) {
          throw new NetlistException(file, i + 1, col, ".include nested deeper than " + MAX_INCLUDE_DEPTH);
        }
        String content;
        try {
          content = decode(Files.readAllBytes(norm));
        } catch (IOException | RuntimeException e) {
          throw new NetlistException(file, i + 1, col, "cannot read included file " + arg
              + (root == null ? "" : " (" + incName + " is not among " + scope + elsewhere(norm) + ")"));
        }
        if (section != null) {
          content = section(content, section, incName, file, i + 1, col);
        }
        active.add(key);
        collect(content, incName, norm.getParent(), out, active, depth + 1, false);
        active.remove(key);
        continue;
      }
      out.add(new Phys(file, i + 1, line));
    }
  }

  /**
   * Refuses an include that would leave {@link #root}: an absolute path (also a Windows drive or a backslash at the
   * start), or a {@code ..} that climbs above it from the including file's folder {@code baseDir}.
   */
  private void confined(String arg, Path baseDir, String file, int line, int col) {
    if (arg.startsWith("/") || arg.startsWith("\\") || arg.startsWith("~") || arg.matches("(?s)[A-Za-z]:.*")) {
      throw new NetlistException(file, line, col, "cannot include " + arg + ": an absolute path reaches outside " + scope
          + "; name the file relative to " + file + ", inside the upload");
    }
    Path below = root.relativize(baseDir.toAbsolutePath().normalize());
    int depth = below.toString().isEmpty() ? 0 : below.getNameCount();
    for (String part : arg.split("[/\\\\]+")) {
      if (part.equals("..")) {
        if (--depth < 0) {
          throw new NetlistException(file, line, col, "cannot include " + arg + ": '..' leads outside " + scope
              + "; upload the folder that holds both files, or name the file relative to " + file + " inside it");
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
    }
  }

  /**
   * Where else under {@link #root} a file of the same name as the missing {@code norm} lies (files uploaded without
   * their folders), as "; FOUND is: ..." or "".
   */
  private String elsewhere(Path norm) {
    if (norm.getFileName() == null) {
      return "";
    }
    String name = norm.getFileName().toString();
    try (java.util.stream.Stream<Path> all = Files.walk(root, MAX_INCLUDE_DEPTH)) {
      List<String> same = all.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(name))
          .map(p -> root.relativize(p).toString()).sorted().limit(3).toList();
      return same.isEmpty() ? "" : "; " + String.join(", ", same) + (same.size() == 1 ? " is" : " are")
          + ": keep the folders as the netlist names them (upload the folder, or a zip of it)";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** Index of the {@code .endl} that closes the {@code .lib} section opened at line {@code start}. */
  private static int endOfSection(String[] raw, int start, String file) {
    for (int j = start + 1; j < raw.length; j++) {
      if (raw[j].trim().toLowerCase(Locale.ROOT).startsWith(".endl")) {
        return j;
      }
    }
    throw new NetlistException(file, start + 1, 1, ".lib section without .endl");
  }

  /**
   * The text of one {@code .lib name} ... {@code .endl} section of a library file; the other lines
   * become blank, so line numbers in errors stay those of the library file.
   */
  private static String section(String content, String name, String libFile, String file, int line, int col) {
    String[] raw = lines(content);
    StringBuilder sb = new StringBuilder();
    boolean found = false;
    boolean in = false;
    for (String r : raw) {
      String t = r.trim().toLowerCase(Locale.ROOT);
      if (!in && t.startsWith(".lib") && t.split("\\s+").length == 2 && t.split("\\s+")[1].equals(name)) {
        in = true;
        found = true;
        sb.append('\n');
        continue;
      }
      if (in && t.startsWith(".endl")) {
        in = false;
        sb.append('\n');
        continue;
      }
      sb.append(in ? r : "").append('\n');
    }
    if (!found) {
      throw new NetlistException(file, line, col, "library " + libFile + " has no section '" + name + "'");
    }
    return sb.toString();
  }

  /**
   * The physical lines of {@code text}: what {@code text.split("\\r?\\n|\\r", -1)} returns (CR LF, LF or CR
   * ends a line; a trailing empty line is kept), without running a regular expression over every character.
   */
  static String[] lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out.toArray(new String[0]);
  }

  private void join(List<Phys> phys) {
    Logical buffer = new Logical(256); // one buffer for every logical line: flush copies the line out
    Logical sb = null;
    for (Phys p : phys) {
      String s = stripComment(p.text());
      String t = s.stripLeading();
      if (t.isEmpty() || t.startsWith("*")) {
        continue;
      }
      int lead = s.length() - t.length();
      if (t.startsWith("+")) {
        if (sb == null) {
          throw new NetlistException(p.file(), p.line(), lead + 1, "continuation line '+' without a line to continue");
        }
        sb.append(' ', p.file(), p.line(), lead + 1);
        sb.append(t, 1, p.file(), p.line(), lead + 2);
        continue;
      }
      flush(sb);
      sb = buffer;
      sb.text.setLength(0);
      sb.append(t, 0, p.file(), p.line(), lead + 1);
    }
    flush(sb);
  }

  /** A logical line being joined: its text and, per character, the file, line and column it came from. */
  private static final class Logical {
    final StringBuilder text;
    String[] file;
    int[] line;
    int[] col;

    Logical(int capacity) {
      int c = Math.max(16, capacity);
      text = new StringBuilder(c);
      file = new String[c];
      line = new int[c];
      col = new int[c];
    }

    private void room(int more) {
      int need = text.length() + more;
      if (need > file.length) {
        int c = Math.max(need, 2 * file.length);
        file = java.util.Arrays.copyOf(file, c);
        line = java.util.Arrays.copyOf(line, c);
        col = java.util.Arrays.copyOf(col, c);
      }
    }

    void append(char ch, String f, int l, int c) {
      room(1);
      int k = text.length();
      file[k] = f;
      line[k] = l;
      col[k] = c;
      text.append(ch);
    }

    /** Characters {@code from..} of {@code t}; character {@code from} is in column {@code c}. */
    void append(String t, int from, String f, int l, int c) {
      room(t.length() - from);
      int k = text.length();
      for (int i = from; i < t.length(); i++, k++) {
        file[k] = f;
        line[k] = l;
        col[k] = c + i - from;
      }
      text.append(t, from, t.length());
    }
  }

  private void flush(Logical sb) {
    if (sb == null || sb.text.length() == 0) {
      return;
    }
    String text = sb.text.toString().stripTrailing();
    int n = text.length();
    lines.add(new SourceLine(text, java.util.Arrays.copyOf(sb.file, n), java.util.Arrays.copyOf(sb.line, n),
        java.util.Arrays.copyOf(sb.col, n)));
  }

  /**
   * Netlist bytes as text: UTF-8 where the bytes are valid UTF-8, else Latin-1 line by line (ngspice
   * reads bytes, so a Latin-1 comment or micro sign must not make the file unreadable).
   */
  static String decode(byte[] bytes) {
    java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    try {
      return utf8.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      StringBuilder sb = new StringBuilder(bytes.length);
      int start = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == '\n') {
          byte[] line = java.util.Arrays.copyOfRange(bytes, start, Math.min(i + 1, bytes.length));
          try {
            sb.append(utf8.reset().decode(java.nio.ByteBuffer.wrap(line)));
          } catch (java.nio.charset.CharacterCodingException notUtf8) {
            sb.append(new String(line, StandardCharsets.ISO_8859_1));
          }
          start = i + 1;
        }
      }
      return sb.toString();
    }
  }

  /**
   * A control line without its inline comment: a {@code $} between white space (or at the end) starts one,
   * as in ngspice ({@code setplot $scratch $ make it current}); {@code $name} is a variable.
   */
  static String controlComment(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (t.charAt(i) == '$' && (i == 0 || Character.isWhitespace(t.charAt(i - 1)))
          && (i + 1 == t.length() || Character.isWhitespace(t.charAt(i + 1)))) {
        return t.substring(0, i).trim();
      }
    }
    return t;
  }

  /**
   * Removes ngspice inline comments (inpcom.c's inp_stripcomments_line): {@code ;} and {@code //} anywhere, {@code $}
   * after white space or a comma; not inside braces or quotes.
   */
  static String stripComment(String s) {
    boolean inBrace = false;
    boolean inQuote = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '{') {
        inBrace = true;
      } else if (ch == '}') {
        inBrace = false;
      } else if (ch == '\'') {
        inQuote = !inQuote;
      } else if (!inBrace && !inQuote) {
        if (ch == ';') {
          return s.substring(0, i);
        }
        if (ch == '$' && i > 0 && (Character.isWhitespace(s.charAt(i - 1)) || s.charAt(i - 1) == ',')) {
          return s.substring(0, i);
        }
        if (ch == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
          return s.substring(0, i);
        }
      }
    }
    return s;
  }

  /**
   * Splits a logical line into tokens: white space, parentheses and commas separate (except
   * inside {@code {...}} and {@code '...'}), and {@code key = value} becomes one token {@code key=value}.
   */
  static List<Token> tokenize(SourceLine sl) {
    String s = sl.text;
    List<Token> raw = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char ch = s.charAt(i);
      if (Character.isWhitespace(ch) || ch == '(' || ch == ')' || ch == ',') {
        i++;
        continue;
      }
      int start = i;
      if (ch == '=') {
        raw.add(new Token("=", i));
        i++;
        continue;
      }
      // A token is the contiguous text s[start, i): braces and quotes are taken whole, other characters one by one.
      while (i < n) {
        char c = s.charAt(i);
        if (c == '{') {
          int depth = 0;
          int j = i;
          for (; j < n; j++) {
            if (s.charAt(j) == '{') {
              depth++;
            } else if (s.charAt(j) == '}' && --depth == 0) {
              break;
            }
          }
          if (j >= n) {
            throw sl.error(i, "unclosed '{'");
          }
          i = j + 1;
          continue;
        }
        if (c == '\'') {
          int j = s.indexOf('\'', i + 1);
          if (j < 0) {
            throw sl.error(i, "unclosed quote");
          }
          i = j + 1;
          continue;
        }
        if (Character.isWhitespace(c) || c == '(' || c == ')' || c == ',' || c == '=') {
          break;
        }
        i++;
      }
      raw.add(new Token(s.substring(start, i), start));
    }
    List<Token> out = new ArrayList<>();
    for (int k = 0; k < raw.size(); k++) {
      Token t = raw.get(k);
      if (t.text().equals("=")) {
        if (out.isEmpty() || k + 1 >= raw.size() || raw.get(k + 1).text().equals("=")) {
          throw sl.error(t.index(), "'=' needs a name before and a value after it");
        }
        Token key = out.remove(out.size() - 1);
        Token val = raw.get(++k);
        out.add(new Token(key.text() + "=" + val.text(), key.index()));
      } else {
        out.add(t);
      }
    }
    return out;
  }
}
