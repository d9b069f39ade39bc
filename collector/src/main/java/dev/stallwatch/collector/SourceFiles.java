package dev.stallwatch.collector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the small text files of /proc and /sys, whose reported size is 0 and cannot be trusted. */
final class SourceFiles {

  /** More than any real /proc or /sys text file a source reads; larger means a wrong file. */
  static final int MAX_BYTES = 1 << 20;

  private SourceFiles() {}

  /**
   * The file's text, or empty when it does not exist.
   *
   * @throws FormatException when the file is larger than {@code maxBytes}
   */
  static Optional<String> readIfPresent(Path file, int maxBytes) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (bytes.length > maxBytes) {
      throw new FormatException(file + " is larger than " + maxBytes + " bytes");
    }
    return Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  /** A pure parser of a whole file's text. */
  @FunctionalInterface
  interface TextParser<T> {
    T parse(String text) throws FormatException;
  }

  /**
   * The parsed file, or empty when it does not exist.
   *
   * @throws FormatException naming the file when it is too large or the parser rejects it
   */
  static <T> Optional<T> parseIfPresent(Path file, TextParser<T> parser) throws IOException {
    Optional<String> text = readIfPresent(file, MAX_BYTES);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.parse(text.get()));
    } catch (FormatException e) {
      throw new FormatException(file + ": " + e.getMessage());
    }
  }

  /** A short description of text for an error message: its start, printable and cut. */
  static String excerpt(String text) {
    String start = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    StringBuilder out = new StringBuilder(start.length());
    start
        .codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append("\\x%02x".formatted(c));
              } else if (c == 0xFFFD) {
                // Bytes that were not UTF-8; the replacement character itself would say less.
                out.append('?');
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
