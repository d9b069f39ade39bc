package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A bounded write-ahead queue of events on disk: every event is appended here before anything tries
 * to send it, and stays until the broker acknowledged it. Records are lines in segment files (see
 * {@link SpoolFormat}); the index of the next record to send is kept in the {@link SpoolAckFile}.
 * When the segments outgrow the size limit the oldest segment goes, and the unsent records in it
 * are counted as dropped. Thread-safe.
 */
final class Spool implements AutoCloseable {

  /** A record read back for sending. */
  record Entry(long index, long seq, String key, byte[] value) {}

  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final FsyncPolicy fsync;
  private final SpoolAckFile ackFile;
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
    this.ackFile = new SpoolAckFile(dir);
    Files.createDirectories(dir);
    recover();
  }

  private void recover() throws IOException {
    segments.putAll(SpoolFormat.segmentsIn(dir));
    SpoolAckFile.Mark mark = ackFile.read();
    ackedIndex = mark.ackedIndex();
    maxSeq = Math.max(maxSeq, mark.maxSeq());
    nextIndex = ackedIndex;
    for (var segment : segments.entrySet()) {
      SpoolFormat.Scan scan = SpoolFormat.scan(segment.getValue());
      maxSeq = Math.max(maxSeq, scan.maxSeq());
      totalBytes += Files.size(segment.getValue());
      nextIndex = Math.max(nextIndex, segment.getKey() + scan.records());
    }
    if (!segments.isEmpty() && segments.firstKey() > ackedIndex) {
      // Older records were dropped for space while the collector was down.
      ackedIndex = segments.firstKey();
    }
    readIndex = ackedIndex;
    readOffset = -1;
    openCurrent();
  }

  private void openCurrent() throws IOException {
    Path file =
        segments.isEmpty() || currentIsFull() ? newSegment() : segments.lastEntry().getValue();
    current = SpoolFormat.openForAppend(file);
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
    ByteBuffer record = SpoolFormat.encode(seq, key, json);
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
    current = SpoolFormat.openForAppend(newSegment());
    currentBytes = 0;
  }

  /** Registers a segment starting at the next record and returns its file. */
  private Path newSegment() {
    Path file = SpoolFormat.segmentFile(dir, nextIndex);
    segments.put(nextIndex, file);
    return file;
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
        readOffset = SpoolFormat.offsetOf(segment.getValue(), readIndex - segment.getKey());
      }
      int before = out.size();
      readOffset = SpoolFormat.readLines(segment.getValue(), readOffset, readIndex, max, out);
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
    ackFile.write(ackedIndex, maxSeq);
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
