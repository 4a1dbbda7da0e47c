package org.neuristor.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuristor.NetlistException;

/**
 * A YAML/JSON document as a tree whose every node remembers its line and column, so that
 * semantic errors can be reported as {@code file:line:col: message}. Built from Jackson's
 * streaming parser (the databind tree keeps no locations).
 */
public final class LocatedTree {
  /** A map, list or scalar node. */
  public static final class Node {
    public final String file;
    public final int line;
    public final int col;
    public final Map<String, Node> map;
    public final Map<String, Node> keys;
    public final List<Node> list;
    public final String scalar;
    public final boolean isNull;

    Node(String file, int line, int col, Map<String, Node> map, Map<String, Node> keys, List<Node> list,
        String scalar, boolean isNull) {
      this.file = file;
      this.line = line;
      this.col = col;
      this.map = map;
      this.keys = keys;
      this.list = list;
      this.scalar = scalar;
      this.isNull = isNull;
    }

    public NetlistException error(String msg) {
      return new NetlistException(file, line, col, msg);
    }

    public boolean isMap() {
      return map != null;
    }

    public boolean isList() {
      return list != null;
    }

    public boolean isScalar() {
      return scalar != null;
    }

    public Node get(String key) {
      return map == null ? null : map.get(key);
    }

    /** Location node of a key (for errors about the key itself). */
    public Node keyNode(String key) {
      return keys.get(key);
    }

    public Node require(String key, String where) {
      Node n = get(key);
      if (n == null) {
        throw error(where + ": missing '" + key + "'");
      }
      return n;
    }

    public Map<String, Node> asMap(String what) {
      if (map == null) {
        throw error(what + " must be a mapping");
      }
      return map;
    }

    public List<Node> asList(String what) {
      if (list == null) {
        throw error(what + " must be a list");
      }
      return list;
    }

    /**
     * A copy of this tree in which the scalar at a dotted path (mapping keys, or list indices from 0)
     * is replaced by {@code value}; the new scalar keeps the old one's location.
     *
     * @throws NetlistException at the deepest existing node when the path does not lead to a scalar
     */
    public Node withScalar(String dottedPath, String value) {
      return replace(dottedPath.split("\\."), 0, dottedPath, value);
    }

    private Node replace(String[] path, int i, String full, String value) {
      if (i == path.length) {
        if (scalar == null) {
          throw error("'" + full + "' is not a single value");
        }
        return new Node(file, line, col, null, null, null, value, false);
      }
      String k = path[i];
      if (map != null) {
        Node child = map.get(k);
        if (child == null) {
          throw error("no key '" + k + "' here (path '" + full + "'); keys: " + String.join(", ", map.keySet()));
        }
        Map<String, Node> m = new LinkedHashMap<>(map);
        m.put(k, child.replace(path, i + 1, full, value));
        return new Node(file, line, col, m, keys, null, null, false);
      }
      if (list != null) {
        int idx;
        try {
          idx = Integer.parseInt(k);
        } catch (NumberFormatException e) {
          idx = -1;
        }
        if (idx < 0 || idx >= list.size()) {
          throw error("no list index '" + k + "' here (path '" + full + "'); " + list.size() + " entries");
        }
        List<Node> l = new ArrayList<>(list);
        l.set(idx, list.get(idx).replace(path, i + 1, full, value));
        return new Node(file, line, col, null, null, l, null, false);
      }
      throw error("'" + String.join(".", java.util.Arrays.copyOf(path, i)) + "' is a single value, cannot descend "
          + "into '" + k + "' (path '" + full + "')");
    }

    public String text(String what) {
      if (scalar == null) {
        throw error(what + " must be a single value");
      }
      return scalar;
    }

    /** A name that becomes part of output file names ({@link #isFileStem}). */
    public String fileStem(String what) {
      String t = text(what);
      if (!isFileStem(t)) {
        throw error(what + " " + FILE_STEM_RULE + ", got '" + t + "'");
      }
      return t;
    }

    /** A yes/no value: true or false (also yes/no, on/off, any case); any other word is an error, never false. */
    public boolean bool(String what) {
      switch (text(what).toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes", "on":
          return true;
        case "false", "no", "off":
          return false;
        default:
          throw error(what + " must be true or false, got '" + scalar + "'");
      }
    }
  }

  /** What a name that names output files must be (see {@link #isFileStem}), as error messages say it. */
  public static final String FILE_STEM_RULE =
      "must be letters, digits, '.', '_' or '-', not starting with '.' (it names the output files)";

  /**
   * Whether {@code name} can start output file names: letters, digits, '.', '_' or '-', not starting with '.' (an
   * empty name, a path or a hidden file would be written where the user does not look).
   */
  public static boolean isFileStem(String name) {
    return name.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]*");
  }

  private LocatedTree() {}

  public static Node parse(String file, String text, boolean json) {
    JsonFactory f = json ? new JsonFactory() : new YAMLFactory();
    // a UTF-8 byte-order mark (Windows editors write one): the YAML reader skips it, the JSON reader did not
    // ("syntax error: Unexpected character ('\uFEFF' (code 65279))" at 1:1)
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    try (JsonParser p = f.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new NetlistException(file, 1, 1, "empty file");
      }
      Node n = read(file, p, t);
      return n;
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      String msg = e.getOriginalMessage();
      int nl = msg.indexOf('\n');
      throw new NetlistException(file, l == null ? 1 : Math.max(1, l.getLineNr()),
          l == null ? 1 : Math.max(1, l.getColumnNr()), "syntax error: " + (nl > 0 ? msg.substring(0, nl) : msg));
    } catch (IOException e) {
      throw new NetlistException(file, 1, 1, "cannot read: " + e.getMessage());
    }
  }

  private static Node read(String file, JsonParser p, JsonToken t) throws IOException {
    JsonLocation l = p.currentTokenLocation();
    int line = Math.max(1, l.getLineNr());
    int col = Math.max(1, l.getColumnNr());
    switch (t) {
      case START_OBJECT: {
        Map<String, Node> m = new LinkedHashMap<>();
        Map<String, Node> keys = new LinkedHashMap<>();
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
          JsonLocation kl = p.currentTokenLocation();
          String key = p.currentName();
          Node keyNode = new Node(file, Math.max(1, kl.getLineNr()), Math.max(1, kl.getColumnNr()), null, null, null,
              key, false);
          if (m.containsKey(key)) {
            throw keyNode.error("duplicate key '" + key + "'");
          }
          Node v = read(file, p, p.nextToken());
          m.put(key, v);
          keys.put(key, keyNode);
        }
        return new Node(file, line, col, m, keys, null, null, false);
      }
      case START_ARRAY: {
        List<Node> list = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          list.add(read(file, p, t));
        }
        return new Node(file, line, col, null, null, list, null, false);
      }
      case VALUE_NULL:
        return new Node(file, line, col, null, null, null, "", true);
      default:
        return new Node(file, line, col, null, null, null, p.getText(), false);
    }
  }
}
