package dev.stallwatch.app.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/** Reads what goes into a capture from the machine and writes it under the capture directory. */
final class CaptureOutput {

  /** More than any /proc, /sys or settings file holds; larger means a wrong file. */
  static final int MAX_SMALL_FILE = 1 << 20;

  /** How much of the end of a log is kept. */
  static final int MAX_LOG = 16 << 20;

  private final Path dir;

  CaptureOutput(Path dir) {
    this.dir = dir;
  }

  /** Writes a file of the capture; the caller reports where the bytes came from. */
  CaptureItem write(String path, byte[] bytes, String note) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    return CaptureItem.written(path, bytes.length, note);
  }

  CaptureItem directory(String path, String note) throws IOException {
    Files.createDirectories(dir.resolve(path));
    return CaptureItem.written(path, 0, note);
  }

  /**
   * A small file read whole. /proc and /sys files report a size of 0, so the size is not asked.
   *
   * @return empty when the file does not exist
   * @throws IOException when it cannot be read or holds more than {@link #MAX_SMALL_FILE}
   */
  static Optional<byte[]> small(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_SMALL_FILE + 1);
      if (bytes.length > MAX_SMALL_FILE) {
        throw new IOException("holds more than " + (MAX_SMALL_FILE >> 10) + " KiB");
      }
      return Optional.of(bytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * The last {@link #MAX_LOG} bytes of a log, from the first line that starts in them, so no line
   * is cut.
   *
   * @return empty when the file does not exist
   */
  static Optional<byte[]> tail(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long from = Math.max(0, in.size() - MAX_LOG);
      in.position(from);
      byte[] bytes = Channels.newInputStream(in).readNBytes(MAX_LOG);
      int start = 0;
      if (from > 0) {
        while (start < bytes.length && bytes[start] != '\n') {
          start++;
        }
        start = Math.min(start + 1, bytes.length);
      }
      return Optional.of(Arrays.copyOfRange(bytes, start, bytes.length));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
