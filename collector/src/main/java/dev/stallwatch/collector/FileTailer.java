package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the complete lines appended to a log file since the last poll, across rotation: when the
 * name points to a new file (new inode, or on Windows a new first line), the rest of the old file
 * is read first from its renamed copy ({@code NAME.SUFFIX} beside it), then the new one from its
 * start. A file that shrank was truncated and is read again from its start. Where reading stopped
 * is a {@link TailCheckpoint}; the caller saves it once the events from those lines are delivered.
 */
final class FileTailer {

  /** The lines of one poll and where the next poll starts. */
  record Batch(List<String> lines, TailCheckpoint checkpoint, boolean present) {}

  private static final Logger LOG = LoggerFactory.getLogger(FileTailer.class);
  private static final int MAX_BATCH_BYTES = 4 << 20;
  private static final int MAX_LINE_BYTES = 64 * 1024;
  private static final int FINGERPRINT_BYTES = 256;

  private final Path file;
  private final boolean fromStart;
  private TailCheckpoint position;
  private long oversizedLines;

  /**
   * @param saved where a previous run stopped, if it did
   * @param fromStart without a checkpoint, read the file from its start (offline) rather than from
   *     its current end (live: history before the first start is not sent)
   */
  FileTailer(Path file, Optional<TailCheckpoint> saved, boolean fromStart) {
    this.file = Objects.requireNonNull(file, "file");
    this.position = saved.orElse(null);
    this.fromStart = fromStart;
  }

  Path file() {
    return file;
  }

  /** The new complete lines, at most a few MiB of them per call. */
  Batch poll() throws IOException {
    if (!Files.isRegularFile(file)) {
      return new Batch(List.of(), position, false);
    }
    Long inode = inode(file);
    String fingerprint = fingerprint(file);
    long size = Files.size(file);
    if (position == null) {
      position = new TailCheckpoint(key(), inode, fingerprint, fromStart ? 0 : size);
    }
    List<String> lines = new ArrayList<>();
    if (!position.sameFile(inode, fingerprint)) {
      readRestOfRotated(lines);
      position = new TailCheckpoint(key(), inode, fingerprint, 0);
    } else if (size < position.offset()) {
      LOG.info(
          "{} shrank from {} to {} bytes: reading it again from its start",
          file,
          position.offset(),
          size);
      position = new TailCheckpoint(key(), inode, fingerprint, 0);
    }
    long offset = readLines(file, position.offset(), lines);
    position = new TailCheckpoint(key(), inode, fingerprint, offset);
    return new Batch(List.copyOf(lines), position, true);
  }

  private String key() {
    return file.toString();
  }

  private void readRestOfRotated(List<String> lines) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    String name = file.getFileName().toString();
    try (Stream<Path> siblings = Files.list(dir)) {
      for (Path sibling : siblings.toList()) {
        if (!isPreviousFile(sibling, name)) {
          continue;
        }
        long offset = position.offset();
        while (offset < Files.size(sibling)) {
          long next = readLines(sibling, offset, lines);
          if (next == offset) {
            break;
          }
          offset = next;
        }
        LOG.info("{} was rotated to {}: read its last lines", file, sibling);
        return;
      }
    }
    LOG.warn(
        "{} was replaced and its previous file is gone: lines written to it after {} bytes"
            + " are lost",
        file,
        position.offset());
  }

  private boolean isPreviousFile(Path sibling, String name) throws IOException {
    if (!sibling.getFileName().toString().startsWith(name + ".") || !Files.isRegularFile(sibling)) {
      return false;
    }
    if (position.inode() != null) {
      return position.inode().equals(inode(sibling));
    }
    return !position.fingerprint().isEmpty() && position.fingerprint().equals(fingerprint(sibling));
  }

  /** Appends the complete lines from {@code offset} and returns the offset after them. */
  private long readLines(Path path, long offset, List<String> lines) throws IOException {
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
      long available = in.size() - offset;
      if (available <= 0) {
        return offset;
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(available, MAX_BATCH_BYTES));
      while (buffer.hasRemaining() && in.read(buffer, offset + buffer.position()) > 0) {
        // fill
      }
      byte[] bytes = buffer.array();
      int start = 0;
      for (int i = 0; i < buffer.position(); i++) {
        if (bytes[i] == '\n') {
          addLine(bytes, start, i, lines);
          start = i + 1;
        }
      }
      if (start == 0 && buffer.position() == MAX_BATCH_BYTES) {
        // No newline in a whole batch: skip it rather than stall on it forever.
        oversizedLines++;
        return offset + buffer.position();
      }
      return offset + start;
    }
  }

  private void addLine(byte[] bytes, int start, int end, List<String> lines) {
    int length = end > start && bytes[end - 1] == '\r' ? end - start - 1 : end - start;
    if (length > MAX_LINE_BYTES) {
      oversizedLines++;
      return;
    }
    lines.add(new String(bytes, start, length, StandardCharsets.UTF_8));
  }

  /** Lines skipped because they were longer than 64 KiB. */
  long oversizedLines() {
    return oversizedLines;
  }

  static Long inode(Path path) {
    try {
      Object ino = Files.getAttribute(path, "unix:ino");
      return ino instanceof Long value ? value : null;
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      return null;
    }
  }

  /** A hash of the file's first line (at most 256 bytes); empty before it has one. */
  static String fingerprint(Path path) throws IOException {
    byte[] head;
    try (var in = Files.newInputStream(path)) {
      head = in.readNBytes(FINGERPRINT_BYTES);
    } catch (NoSuchFileException e) {
      return "";
    }
    int end = 0;
    while (end < head.length && head[end] != '\n') {
      end++;
    }
    if (end == head.length && head.length < FINGERPRINT_BYTES) {
      return "";
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(head, 0, end);
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
