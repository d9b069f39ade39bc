package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The on-disk format of a {@link Spool}'s segments: files {@code seg-<first index>.log} holding one
 * record per line, {@code SEQ<tab>KEY<tab>JSON}. Only whole lines count as records; a torn last
 * line is what a collector that died mid-write leaves behind. Stateless; the spool does the
 * locking.
 */
final class SpoolFormat {

  /** Counts of a segment's complete records and the highest seq among them, -1 if none. */
  record Scan(long records, long maxSeq) {}

  private static final Pattern SEGMENT = Pattern.compile("seg-(\\d{19})\\.log");
  // One read of a segment fetches at most this much, so a huge segment is never loaded whole.
  private static final long MAX_READ_BYTES = 4L << 20;

  private SpoolFormat() {}

  /** The file of the segment whose first record has {@code firstIndex}. */
  static Path segmentFile(Path dir, long firstIndex) {
    return dir.resolve("seg-%019d.log".formatted(firstIndex));
  }

  /** The segment files under {@code dir} by the index of their first record. */
  static TreeMap<Long, Path> segmentsIn(Path dir) throws IOException {
    TreeMap<Long, Path> found = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Matcher m = SEGMENT.matcher(file.getFileName().toString());
        if (m.matches()) {
          found.put(Long.parseLong(m.group(1)), file);
        }
      }
    }
    return found;
  }

  /** Opens a segment for appending, creating it if it is new. */
  static FileChannel openForAppend(Path segment) throws IOException {
    return FileChannel.open(
        segment, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /**
   * The line of one record, newline included, ready to write.
   *
   * @throws IllegalArgumentException when the key holds a tab or newline
   */
  static ByteBuffer encode(long seq, String key, byte[] json) {
    if (key.indexOf('\t') >= 0 || key.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("spool keys hold no tab or newline: " + key);
    }
    byte[] head = (seq + "\t" + key + "\t").getBytes(StandardCharsets.UTF_8);
    ByteBuffer record = ByteBuffer.allocate(head.length + json.length + 1);
    record.put(head).put(json).put((byte) '\n').flip();
    return record;
  }

  /** Counts the complete records of a segment and cuts a torn last line off the file. */
  static Scan scan(Path segment) throws IOException {
    byte[] bytes = Files.readAllBytes(segment);
    long count = 0;
    long maxSeq = -1;
    int lineStart = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        count++;
        maxSeq = Math.max(maxSeq, seqOf(bytes, lineStart));
        lineStart = i + 1;
      }
    }
    if (lineStart < bytes.length) {
      try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
        channel.truncate(lineStart);
      }
    }
    return new Scan(count, maxSeq);
  }

  /** The byte offset of the record after the first {@code records} ones of a segment. */
  static long offsetOf(Path segment, long records) throws IOException {
    if (records == 0) {
      return 0;
    }
    byte[] bytes = Files.readAllBytes(segment);
    long seen = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n' && ++seen == records) {
        return i + 1;
      }
    }
    return bytes.length;
  }

  /**
   * Adds the complete records from {@code offset} of a segment to {@code out} until it holds {@code
   * max}, numbering them from {@code firstIndex}.
   *
   * @return the offset after the last record added
   */
  static long readLines(Path segment, long offset, long firstIndex, int max, List<Spool.Entry> out)
      throws IOException {
    try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ)) {
      long size = in.size();
      if (offset >= size) {
        return offset;
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - offset, MAX_READ_BYTES));
      in.read(buffer, offset);
      byte[] bytes = buffer.array();
      int start = 0;
      long index = firstIndex;
      for (int i = 0; i < buffer.position() && out.size() < max; i++) {
        if (bytes[i] == '\n') {
          out.add(parse(index++, bytes, start, i));
          start = i + 1;
        }
      }
      return offset + start;
    }
  }

  /** The record of one line, {@code bytes[start..end)} without its newline. */
  static Spool.Entry parse(long index, byte[] bytes, int start, int end) {
    int tab1 = indexOfTab(bytes, start, end);
    int tab2 = indexOfTab(bytes, tab1 + 1, end);
    long seq = seqOf(bytes, start);
    String key = new String(bytes, tab1 + 1, tab2 - tab1 - 1, StandardCharsets.UTF_8);
    byte[] value = new byte[end - tab2 - 1];
    System.arraycopy(bytes, tab2 + 1, value, 0, value.length);
    return new Spool.Entry(index, seq, key, value);
  }

  private static long seqOf(byte[] bytes, int start) {
    long seq = 0;
    for (int i = start; i < bytes.length && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
      seq = seq * 10 + (bytes[i] - '0');
    }
    return seq;
  }

  private static int indexOfTab(byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      if (bytes[i] == '\t') {
        return i;
      }
    }
    return end;
  }
}
