package dev.stallwatch.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fixture captures under src/test/resources/captures (one per situation) and the machine trees
 * under src/test/resources/roots that collect --capture reads.
 */
final class Captures {

  private Captures() {}

  static Path resource(String path) {
    URL url = Captures.class.getResource("/" + path);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + path);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path capture(String name) {
    return resource("captures/" + name);
  }

  /** A copy of a fixture capture to change, under {@code dir}. */
  static Path copy(String name, Path dir) {
    Path from = capture(name);
    Path to = dir.resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }

  /** Every file and empty directory (ending in /) under {@code dir}, relative, sorted. */
  static List<String> tree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> !f.equals(dir) && (!Files.isDirectory(f) || isEmpty(f)))
          .map(f -> dir.relativize(f).toString() + (Files.isDirectory(f) ? "/" : ""))
          .sorted()
          .toList();
    }
  }

  private static boolean isEmpty(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
