package org.neuristor.plot;

import java.nio.file.Path;
import java.util.List;

/**
 * The PNG of {@link Plotter#matrix} (a table as a picture, e.g. which behaviour each circuit shows), drawn without
 * AWT: row heads in 12 px bold on the left, column heads in 12 px bold above, cells of 11 px text, black on green
 * (pass) or grey on light grey (fail), the title in 16 px bold. The vector formats keep Java2D ({@link Java2dPlots#matrix}), laid out by the
 * same {@link Geometry}.
 */
final class Matrix {
  /** Background of a cell that passes, and of one that does not. */
  static final int PASS = 0xb7e1b0;
  static final int FAIL = 0xf0f0f0;
  /** Text of a cell that passes, and of one that does not (grey: what a circuit shows instead reads as secondary). */
  static final int PASS_TEXT = 0x000000;
  static final int FAIL_TEXT = 0x707070;
  /** Pixel sizes of the cells' text (plain), the heads (bold) and the title (bold). */
  static final int CELL_SIZE = 11;
  static final int HEAD_SIZE = 12;
  static final int TITLE_SIZE = 16;
  static final int CELL_H = 22;
  static final int HEAD_H = 26;
  /** Baseline of the title; text baselines sit this far above the bottom of their row. */
  static final int TITLE_BASELINE = 27;
  static final int TEXT_RAISE = 7;

  private Matrix() {}

  /** The colour of a cell's text, for both renderers: {@link #PASS_TEXT} or {@link #FAIL_TEXT}. */
  static int textRgb(boolean ok) {
    return ok ? PASS_TEXT : FAIL_TEXT;
  }

  /** Width in pixels of a text in one of the three fonts (cell, head, title). */
  interface Widths {
    int cell(String s);

    int head(String s);

    int title(String s);
  }

  /**
   * Where everything goes: the row heads' column {@code rowHead} wide, cells {@code cellW} x {@link #CELL_H} (the
   * widest column head or cell text plus 14), a title band of {@code titleH}, then the column heads' band of {@link
   * #HEAD_H}; {@code w} x {@code h} the whole image (at least as wide as the title plus 40).
   */
  record Geometry(int rowHead, int cellW, int titleH, int w, int h) {
    static Geometry of(String title, List<String> rows, List<String> columns, String[][] text, boolean[][] ok,
        Widths widths) {
      if (text.length != rows.size() || ok.length != rows.size()) {
        throw new IllegalArgumentException("matrix: " + rows.size() + " rows but " + text.length + " text rows");
      }
      int rowHead = 0;
      for (String r : rows) {
        rowHead = Math.max(rowHead, widths.head(r));
      }
      int cellW = 0;
      for (String c : columns) {
        cellW = Math.max(cellW, widths.head(c));
      }
      for (String[] r : text) {
        for (String t : r) {
          cellW = Math.max(cellW, widths.cell(t == null ? "" : t));
        }
      }
      int titleW = title == null ? 0 : widths.title(title) + 40;
      rowHead += 16;
      cellW += 14;
      boolean hasTitle = title != null && !title.isBlank();
      int titleH = hasTitle ? 40 : 0;
      int w = Math.max(rowHead + columns.size() * cellW + 10, hasTitle ? titleW : 1);
      int h = titleH + HEAD_H + rows.size() * CELL_H + 10;
      return new Geometry(rowHead, cellW, titleH, w, h);
    }

    /** Left edge of column j's cells. */
    int x(int j) {
      return rowHead + j * cellW;
    }

    /** Top edge of row i's cells. */
    int y(int i) {
      return titleH + HEAD_H + i * CELL_H;
    }
  }

  /** Writes the matrix's PNG, atomically. */
  static Path write(Path out, String title, List<String> rows, List<String> columns, String[][] text, boolean[][] ok) {
    return render(title, rows, columns, text, ok).write(out);
  }

  static RasterImage render(String title, List<String> rows, List<String> columns, String[][] text, boolean[][] ok) {
    GlyphAtlas atlas = GlyphAtlas.load();
    GlyphAtlas.Face cell = atlas.face(CELL_SIZE, false);
    GlyphAtlas.Face head = atlas.face(HEAD_SIZE, true);
    GlyphAtlas.Face big = atlas.face(TITLE_SIZE, true);
    Geometry g = Geometry.of(title, rows, columns, text, ok, new Widths() {
      @Override
      public int cell(String s) {
        return cell.width(s);
      }

      @Override
      public int head(String s) {
        return head.width(s);
      }

      @Override
      public int title(String s) {
        return big.width(s);
      }
    });
    RasterImage img = new RasterImage(g.w(), g.h());
    if (g.titleH() > 0) {
      AxisText.centred(img, big, title, g.w() / 2.0, TITLE_BASELINE);
    }
    for (int j = 0; j < columns.size(); j++) {
      AxisText.centred(img, head, columns.get(j), g.x(j) + g.cellW() / 2.0, g.titleH() + HEAD_H - 8);
    }
    for (int i = 0; i < rows.size(); i++) {
      int y0 = g.y(i);
      head.draw(img, rows.get(i), 6, y0 + CELL_H - TEXT_RAISE, AxisText.TEXT);
      for (int j = 0; j < columns.size(); j++) {
        int x0 = g.x(j);
        img.fill(x0 + 1, y0 + 1, x0 + g.cellW() - 1, y0 + CELL_H - 1, ok[i][j] ? PASS : FAIL);
        String t = text[i][j] == null ? "" : text[i][j];
        AxisText.centred(img, cell, t, x0 + g.cellW() / 2.0, y0 + CELL_H - TEXT_RAISE, textRgb(ok[i][j]));
      }
    }
    return img;
  }
}
