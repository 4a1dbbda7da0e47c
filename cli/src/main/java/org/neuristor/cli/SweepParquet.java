package org.neuristor.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.neuristor.io.AtomicFiles;
import org.neuristor.sweep.PointResult;
import org.neuristor.sweep.SweepSpec;

/**
 * The Parquet copy of a sweep's rows, written with parquet-hadoop's example writer through a
 * Hadoop-free {@link PlainParquetConfiguration} into an atomically replaced local file
 * (uncompressed: no native codec libraries on the CLI jar). Columns are those of the CSV with names
 * made Parquet-safe (characters other than letters, digits and '_' become '_'): {@code point} int32,
 * parameters double, results optional double (null when undefined or failed), {@code status} and
 * optional {@code error} strings, {@code wall_s} double.
 */
final class SweepParquet {
  private SweepParquet() {}

  /** Parquet column names of a spec, in CSV order. */
  static List<String> columns(SweepSpec spec) {
    List<String> out = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (String h : PointResult.header(spec)) {
      String c = h.replaceAll("[^A-Za-z0-9_]", "_");
      while (!used.add(c)) {
        c = c + "_";
      }
      out.add(c);
    }
    return out;
  }

  static MessageType schema(SweepSpec spec) {
    List<String> cols = columns(spec);
    Types.MessageTypeBuilder b = Types.buildMessage();
    int k = 0;
    b.required(PrimitiveTypeName.INT32).named(cols.get(k++));
    for (int i = 0; i < spec.parameterNames().size(); i++) {
      b.required(PrimitiveTypeName.DOUBLE).named(cols.get(k++));
    }
    for (int i = 0; i < spec.results().size(); i++) {
      b.optional(PrimitiveTypeName.DOUBLE).named(cols.get(k++));
    }
    b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(cols.get(k++));
    b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(cols.get(k++));
    b.required(PrimitiveTypeName.DOUBLE).named(cols.get(k));
    return b.named(spec.name().replaceAll("[^A-Za-z0-9_]", "_"));
  }

  static Path write(Path target, SweepSpec spec, List<PointResult> rows) {
    MessageType schema = schema(spec);
    List<String> cols = columns(spec);
    return AtomicFiles.write(target, out -> {
      try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new StreamFile(out))
          .withConf(new PlainParquetConfiguration())
          .withType(schema)
          .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
          .withCodecFactory(UNCOMPRESSED)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .build()) {
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        for (PointResult r : rows) {
          Group g = f.newGroup();
          int k = 0;
          g.add(cols.get(k++), r.index());
          for (String p : spec.parameterNames()) {
            g.add(cols.get(k++), r.params().get(p));
          }
          for (String res : spec.results()) {
            Double v = r.ok() ? r.results().get(res) : null;
            String c = cols.get(k++);
            if (v != null && Double.isFinite(v)) {
              g.add(c, v);
            }
          }
          g.add(cols.get(k++), r.ok() ? "ok" : "error");
          String c = cols.get(k++);
          if (!r.ok()) {
            g.add(c, r.error());
          }
          g.add(cols.get(k), Math.round(r.wallSeconds() * 1e6) / 1e6);
          w.write(g);
        }
      }
    });
  }

  /**
   * The identity codec. parquet-hadoop's default {@code CodecFactory} loads Hadoop's zlib classes
   * even for uncompressed files; this one needs nothing (used for writing and reading back).
   */
  static final CompressionCodecFactory UNCOMPRESSED = new CompressionCodecFactory() {
    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
      check(codec);
      return new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) {
          return bytes;
        }

        @Override
        public CompressionCodecName getCodecName() {
          return CompressionCodecName.UNCOMPRESSED;
        }

        @Override
        public void release() {}
      };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
      check(codec);
      return new BytesInputDecompressor() {
        @Override
        public BytesInput decompress(BytesInput bytes, int size) {
          return bytes;
        }

        @Override
        public void decompress(ByteBuffer in, int inSize, ByteBuffer out, int outSize) {
          ByteBuffer src = in.duplicate();
          src.limit(src.position() + inSize);
          out.put(src);
        }

        @Override
        public void release() {}
      };
    }

    private void check(CompressionCodecName codec) {
      if (codec != CompressionCodecName.UNCOMPRESSED) {
        throw new UnsupportedOperationException("only uncompressed Parquet is supported here, got " + codec);
      }
    }

    @Override
    public void release() {}
  };

  /** An {@link OutputFile} over a stream that the caller owns (here: an atomic temp file). */
  private static final class StreamFile implements OutputFile {
    private final OutputStream out;

    StreamFile(OutputStream out) {
      this.out = out;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        private long pos;

        @Override
        public long getPos() {
          return pos;
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          pos += len;
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() throws IOException {
          out.flush(); // AtomicFiles closes the underlying stream
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }

    @Override
    public String getPath() {
      return "sweep.parquet";
    }
  }
}
