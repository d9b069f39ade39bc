package dev.stallwatch.app.diagnose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the files of one capture directory, by their path inside it. */
final class CaptureFiles {

  /** Larger than any file a capture needs; a bigger one is refused rather than filling memory. */
  static final long MAX_BYTES = 64L << 20;

  private final Path dir;

  CaptureFiles(Path dir) {
    this.dir = dir;
  }

  boolean isDirectory(String path) {
    return Files.isDirectory(dir.resolve(path));
  }

  boolean isFile(String path) {
    return Files.isRegularFile(dir.resolve(path));
  }

  /**
   * The file's bytes, or empty when the capture has no such file.
   *
   * @throws IOException when it is there but cannot be read, or is larger than {@link #MAX_BYTES}
   */
  Optional<byte[]> read(String path) throws IOException {
    Path file = dir.resolve(path);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new IOException(
          "%d bytes is more than the %d MiB a capture file may have"
              .formatted(size, MAX_BYTES >> 20));
    }
    return Optional.of(Files.readAllBytes(file));
  }

  /**
   * The text of a file as UTF-8 without a byte order mark. Files saved on Windows often have one,
   * and PowerShell's {@code >} writes UTF-16LE (with its mark): {@code wsl dmesg > dmesg.txt}.
   */
  static byte[] utf8(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE)
          .getBytes(StandardCharsets.UTF_8);
    }
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      return Arrays.copyOfRange(bytes, 3, bytes.length);
    }
    return bytes;
  }

  /**
   * Docker Desktop's host logs ({@code *.log} and their rotated copies {@code *.log.SUFFIX}), as
   * capture paths, each log's rotated copies oldest first and then the log itself, so their lines
   * come in the order they were written.
   */
  List<String> dockerLogs() throws IOException {
    Path logs = dir.resolve(CaptureLayout.windows(CaptureLayout.DOCKER_LOG_DIR));
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(logs)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".log") || name.contains(".log."))
          .sorted(Comparator.comparing(CaptureFiles::logName).thenComparing(CaptureFiles::order))
          .map(name -> CaptureLayout.windows(CaptureLayout.DOCKER_LOG_DIR + "/" + name))
          .toList();
    }
  }

  private static String logName(String fileName) {
    return fileName.substring(0, fileName.indexOf(".log") + 4);
  }

  /** Rotated copies (their suffix is a date, so they sort by age) before the live log. */
  private static String order(String fileName) {
    String suffix = fileName.substring(logName(fileName).length());
    return suffix.isEmpty() ? "~" : suffix;
  }
}
