package org.neuristor.network;

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
final class LocatedTree {
  /** A map, list or scalar node. */
  static final class Node {
    final String file;
    final int line;
    final int col;
    final Map<String, Node> map;
    final Map<String, Node> keys;
    final List<Node> list;
    final String scalar;
    final boolean isNull;

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

    NetlistException error(String msg) {
      return new NetlistException(file, line, col, msg);
    }

    boolean isMap() {
      return map != null;
    }

    boolean isList() {
      return list != null;
    }

    boolean isScalar() {
      return scalar != null;
    }

    Node get(String key) {
      return map == null ? null : map.get(key);
    }

    /** Location node of a key (for errors about the key itself). */
    Node keyNode(String key) {
      return keys.get(key);
    }

    Node require(String key, String where) {
      Node n = get(key);
      if (n == null) {
        throw error(where + ": missing '" + key + "'");
      }
      return n;
    }

    Map<String, Node> asMap(String what) {
      if (map == null) {
        throw error(what + " must be a mapping");
      }
      return map;
    }

    List<Node> asList(String what) {
      if (list == null) {
        throw error(what + " must be a list");
      }
      return list;
    }

    String text(String what) {
      if (scalar == null) {
        throw error(what + " must be a single value");
      }
      return scalar;
    }
  }

  private LocatedTree() {}

  static Node parse(String file, String text, boolean json) {
    JsonFactory f = json ? new JsonFactory() : new YAMLFactory();
    try (JsonParser p = f.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new NetlistException(file, 1, 1, "empty network file");
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
