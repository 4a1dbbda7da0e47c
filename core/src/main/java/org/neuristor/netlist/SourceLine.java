package org.neuristor.netlist;

/**
 * One logical netlist line (continuations joined) with, for every character, the file, physical
 * line and column it came from, so any token can be reported as {@code file:line:col}.
 */
final class SourceLine {
  final String text;
  final String[] files;
  final int[] lines;
  final int[] cols;

  SourceLine(String text, String[] files, int[] lines, int[] cols) {
    this.text = text;
    this.files = files;
    this.lines = lines;
    this.cols = cols;
  }

  String file(int index) {
    return files[clamp(index)];
  }

  int line(int index) {
    return lines[clamp(index)];
  }

  int col(int index) {
    return cols[clamp(index)];
  }

  private int clamp(int i) {
    return Math.max(0, Math.min(i, text.length() - 1));
  }

  org.neuristor.NetlistException error(int index, String message) {
    if (text.isEmpty()) {
      return new org.neuristor.NetlistException("?", 0, 0, message);
    }
    return new org.neuristor.NetlistException(file(index), line(index), col(index), message);
  }

  SourceLine substring(int from) {
    int n = text.length() - from;
    String[] f = new String[n];
    int[] l = new int[n];
    int[] c = new int[n];
    System.arraycopy(files, from, f, 0, n);
    System.arraycopy(lines, from, l, 0, n);
    System.arraycopy(cols, from, c, 0, n);
    return new SourceLine(text.substring(from), f, l, c);
  }
}
