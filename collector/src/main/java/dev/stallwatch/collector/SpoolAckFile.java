package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@code acked} file of a {@link Spool}: one line {@code INDEX MAXSEQ}, the index of the next
 * record to send and the highest seq ever appended. The seq is kept here too because acknowledged
 * segments are deleted, and a restarted collector must still continue after it. Replaced
 * atomically, so a crash leaves the old mark or the new one. Not thread-safe; the spool locks.
 */
final class SpoolAckFile {

  /** What the file says; {@code maxSeq} is -1 when it names none. */
  record Mark(long ackedIndex, long maxSeq) {}

  private static final String NAME = "acked";

  private final Path file;
  private final Path tmp;

  SpoolAckFile(Path dir) {
    this.file = dir.resolve(NAME);
    this.tmp = dir.resolve(NAME + ".tmp");
  }

  /**
   * The mark last written, or index 0 and no seq when there is none yet.
   *
   * @throws FormatException when the file is not {@code INDEX MAXSEQ}
   */
  Mark read() throws IOException {
    if (!Files.exists(file)) {
      return new Mark(0, -1);
    }
    String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
    try {
      long maxSeq = parts.length > 1 ? Long.parseLong(parts[1]) : -1;
      return new Mark(Long.parseLong(parts[0]), maxSeq);
    } catch (NumberFormatException e) {
      throw new FormatException(file + ": not 'INDEX MAXSEQ': " + SourceFiles.excerpt(parts[0]));
    }
  }

  void write(long ackedIndex, long maxSeq) throws IOException {
    Files.writeString(tmp, ackedIndex + " " + maxSeq + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
