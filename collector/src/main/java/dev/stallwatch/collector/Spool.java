package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A bounded write-ahead queue of events on disk: every event is appended here before anything tries
 * to send it, and stays until the broker acknowledged it. Records are lines {@code
 * SEQ<tab>KEY<tab>JSON} in segment files named by the index of their first record; the index of the
 * next record to send is kept in {@code acked}. When the segments outgrow the size limit the oldest
 * segment goes, and the unsent records in it are counted as dropped. Thread-safe.
 */
final class Spool implements AutoCloseable {

  /** A record read back for sending. */
  record Entry(long index, long seq, String key, byte[] value) {}

  private static final Pattern SEGMENT = Pattern.compile("seg-(\\d{19})\\.log");
  private static final String ACKED = "acked";

  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final FsyncPolicy fsync;
  // first index of each segment -> its file
  private final TreeMap<Long, Path> segments = new TreeMap<>();
  private FileChannel current;
  private long currentBytes;
  private long totalBytes;
  private long nextIndex;
  private long ackedIndex;
  private long maxSeq = -1;
  private long dropped;
  private long lastSync = System.nanoTime();
  private boolean dirty;
  // where the sender reads next: the segment holding readIndex and the byte offset in it
  private long readIndex;
  private long readOffset;

  Spool(Path dir, long maxBytes, FsyncPolicy fsync) throws IOException {
    this(dir, maxBytes, Math.max(4096, Math.min(1 << 20, maxBytes / 8)), fsync);
  }

  Spool(Path dir, long maxBytes, long segmentBytes, FsyncPolicy fsync) throws IOException {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.maxBytes = maxBytes;
    this.segmentBytes = segmentBytes;
    this.fsync = Objects.requireNonNull(fsync, "fsync");
    Files.createDirectories(dir);
    recover();
  }

  private void recover() throws IOException {
    segments.putAll(segmentsIn(dir));
    ackedIndex = readAcked();
    nextIndex = ackedIndex;
    for (var segment : segments.entrySet()) {
      long count = scan(segment.getValue());
      totalBytes += Files.size(segment.getValue());
      nextIndex = Math.max(nextIndex, segment.getKey() + count);
    }
    if (!segments.isEmpty() && segments.firstKey() > ackedIndex) {
      // Older records were dropped for space while the collector was down.
      ackedIndex = segments.firstKey();
    }
    readIndex = ackedIndex;
    readOffset = -1;
    openCurrent();
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

  /** Counts the complete records of a segment and cuts a torn last line, tracking the max seq. */
  private long scan(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    long count = 0;
    int lineStart = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        count++;
        maxSeq = Math.max(maxSeq, seqOf(bytes, lineStart));
        lineStart = i + 1;
      }
    }
    if (lineStart < bytes.length) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.truncate(lineStart);
      }
    }
    return count;
  }

  private static long seqOf(byte[] bytes, int start) {
    long seq = 0;
    for (int i = start; i < bytes.length && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
      seq = seq * 10 + (bytes[i] - '0');
    }
    return seq;
  }

  private long readAcked() throws IOException {
    Path file = dir.resolve(ACKED);
    if (!Files.exists(file)) {
      return 0;
    }
    String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
    try {
      if (parts.length > 1) {
        maxSeq = Math.max(maxSeq, Long.parseLong(parts[1]));
      }
      return Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      throw new FormatException(file + ": not 'INDEX MAXSEQ': " + SourceFiles.excerpt(parts[0]));
    }
  }

  private void openCurrent() throws IOException {
    Path file;
    if (segments.isEmpty() || currentIsFull()) {
      file = dir.resolve("seg-%019d.log".formatted(nextIndex));
      segments.put(nextIndex, file);
    } else {
      file = segments.lastEntry().getValue();
    }
    current =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    currentBytes = current.size();
  }

  private boolean currentIsFull() throws IOException {
    return Files.size(segments.lastEntry().getValue()) >= segmentBytes;
  }

  /**
   * Appends one record and returns its index.
   *
   * @throws IllegalArgumentException when the key holds a tab or newline
   */
  synchronized long append(long seq, String key, byte[] json) throws IOException {
    if (key.indexOf('\t') >= 0 || key.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("spool keys hold no tab or newline: " + key);
    }
    byte[] head = (seq + "\t" + key + "\t").getBytes(StandardCharsets.UTF_8);
    ByteBuffer record = ByteBuffer.allocate(head.length + json.length + 1);
    record.put(head).put(json).put((byte) '\n').flip();
    if (currentBytes >= segmentBytes) {
      roll();
    }
    int length = record.remaining();
    while (record.hasRemaining()) {
      current.write(record);
    }
    currentBytes += length;
    totalBytes += length;
    maxSeq = Math.max(maxSeq, seq);
    dirty = true;
    if (fsync == FsyncPolicy.ALWAYS) {
      current.force(false);
      dirty = false;
    }
    dropOldestWhileTooBig();
    return nextIndex++;
  }

  private void roll() throws IOException {
    syncNow();
    current.close();
    Path file = dir.resolve("seg-%019d.log".formatted(nextIndex));
    segments.put(nextIndex, file);
    current =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    currentBytes = 0;
  }

  private void dropOldestWhileTooBig() throws IOException {
    while (totalBytes > maxBytes && segments.size() > 1) {
      var oldest = segments.pollFirstEntry();
      long end = segments.firstKey();
      long unsent = Math.max(0, end - Math.max(ackedIndex, oldest.getKey()));
      dropped += unsent;
      totalBytes -= Files.size(oldest.getValue());
      Files.deleteIfExists(oldest.getValue());
      if (ackedIndex < end) {
        ackedIndex = end;
        writeAcked();
      }
      if (readIndex < end) {
        readIndex = end;
        readOffset = -1;
      }
    }
  }

  /** Forces appended records to disk if the policy says it is time. */
  synchronized void syncIfDue() throws IOException {
    if (fsync == FsyncPolicy.INTERVAL && dirty && System.nanoTime() - lastSync > 1_000_000_000L) {
      syncNow();
    }
  }

  private void syncNow() throws IOException {
    if (dirty && fsync != FsyncPolicy.NEVER) {
      current.force(false);
    }
    dirty = false;
    lastSync = System.nanoTime();
  }

  /** Up to {@code max} records after the last one read, oldest first; empty when none. */
  synchronized List<Entry> read(int max) throws IOException {
    List<Entry> out = new ArrayList<>();
    while (out.size() < max && readIndex < nextIndex) {
      var segment = segments.floorEntry(readIndex);
      if (segment == null) {
        readIndex = segments.isEmpty() ? nextIndex : segments.firstKey();
        readOffset = -1;
        continue;
      }
      if (readOffset < 0) {
        readOffset = offsetOf(segment.getValue(), readIndex - segment.getKey());
      }
      int before = out.size();
      readOffset = readLines(segment.getValue(), readOffset, max, out);
      readIndex += out.size() - before;
      Long next = segments.higherKey(segment.getKey());
      if (next != null && readIndex >= next) {
        readOffset = -1;
      } else if (out.size() == before) {
        break;
      }
    }
    return out;
  }

  /** Moves the reader back to the first record not acknowledged, to send again after a failure. */
  synchronized void rewind() {
    readIndex = ackedIndex;
    readOffset = -1;
  }

  private static long offsetOf(Path file, long records) throws IOException {
    if (records == 0) {
      return 0;
    }
    byte[] bytes = Files.readAllBytes(file);
    long seen = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n' && ++seen == records) {
        return i + 1;
      }
    }
    return bytes.length;
  }

  private long readLines(Path file, long offset, int max, List<Entry> out) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = in.size();
      if (offset >= size) {
        return offset;
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - offset, 4L << 20));
      in.read(buffer, offset);
      byte[] bytes = buffer.array();
      int start = 0;
      long index = readIndex;
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
  static Entry parse(long index, byte[] bytes, int start, int end) {
    int tab1 = indexOf(bytes, start, end);
    int tab2 = indexOf(bytes, tab1 + 1, end);
    long seq = seqOf(bytes, start);
    String key = new String(bytes, tab1 + 1, tab2 - tab1 - 1, StandardCharsets.UTF_8);
    byte[] value = new byte[end - tab2 - 1];
    System.arraycopy(bytes, tab2 + 1, value, 0, value.length);
    return new Entry(index, seq, key, value);
  }

  private static int indexOf(byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      if (bytes[i] == '\t') {
        return i;
      }
    }
    return end;
  }

  /** Everything before {@code index} was delivered: remembered, and whole segments deleted. */
  synchronized void ack(long index) throws IOException {
    if (index <= ackedIndex) {
      return;
    }
    ackedIndex = Math.min(index, nextIndex);
    while (segments.size() > 1) {
      var oldest = segments.firstEntry();
      Long next = segments.higherKey(oldest.getKey());
      if (next > ackedIndex) {
        break;
      }
      totalBytes -= Files.size(oldest.getValue());
      Files.deleteIfExists(oldest.getValue());
      segments.remove(oldest.getKey());
    }
    writeAcked();
  }

  private void writeAcked() throws IOException {
    Path tmp = dir.resolve(ACKED + ".tmp");
    Files.writeString(tmp, ackedIndex + " " + maxSeq + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, dir.resolve(ACKED), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Whether records were appended that the sender has not read yet. */
  synchronized boolean hasUnread() {
    return readIndex < nextIndex;
  }

  /** Records waiting to be delivered. */
  synchronized long depth() {
    return nextIndex - ackedIndex;
  }

  /** The index the next appended record gets. */
  synchronized long nextIndex() {
    return nextIndex;
  }

  synchronized long ackedIndex() {
    return ackedIndex;
  }

  /** Records dropped unsent because the spool was full, since this spool was opened. */
  synchronized long dropped() {
    return dropped;
  }

  /** The highest seq ever appended, -1 if none: a restarted collector continues after it. */
  synchronized long maxSeq() {
    return maxSeq;
  }

  @Override
  public synchronized void close() throws IOException {
    if (current != null && current.isOpen()) {
      syncNow();
      current.close();
    }
  }
}
