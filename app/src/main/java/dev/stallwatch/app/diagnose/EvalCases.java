package dev.stallwatch.app.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The evaluation's cases on disk, ready for {@link Diagnoser}: those shipped in the jar, extracted
 * to a temporary directory that {@link #close()} removes, or a directory of cases as it is.
 */
public final class EvalCases implements AutoCloseable {

  /** Where the shipped cases live in the jar: the manifest and one directory per case. */
  public static final String SHIPPED = "dev/stallwatch/app/eval/diagnose/";

  /** A case and the directory that holds its capture. */
  public record Located(EvalManifest.Case meta, Path dir) {}

  private final List<Located> cases;
  private final Path extractedTo;

  private EvalCases(List<Located> cases, Path extractedTo) {
    this.cases = List.copyOf(cases);
    this.extractedTo = extractedTo;
  }

  /**
   * The cases shipped in the jar, each written out to a temporary directory.
   *
   * @throws IllegalStateException when the jar's own cases are missing or invalid: a build defect
   */
  public static EvalCases shipped() throws IOException {
    EvalManifest manifest = EvalManifest.parse(resource(EvalManifest.FILE));
    Path root = Files.createTempDirectory("stallwatch-eval-");
    List<Located> located = new ArrayList<>();
    try {
      for (EvalManifest.Case c : manifest.cases()) {
        Path dir = root.resolve(c.id());
        for (String file : c.files()) {
          Path target = dir.resolve(file);
          Files.createDirectories(target.getParent());
          Files.write(target, resource(c.id() + "/" + file));
        }
        located.add(new Located(c, dir));
      }
    } catch (IOException | RuntimeException e) {
      delete(root);
      throw e;
    }
    return new EvalCases(located, root);
  }

  /**
   * The cases of a directory holding {@value EvalManifest#FILE} and one directory per case.
   *
   * @throws IllegalArgumentException when the manifest is invalid or names a file that is not there
   */
  public static EvalCases directory(Path root) throws IOException {
    EvalManifest manifest;
    try {
      manifest = EvalManifest.parse(Files.readAllBytes(root.resolve(EvalManifest.FILE)));
    } catch (IllegalArgumentException e) {
      // Each problem names the manifest; say which directory's.
      throw new IllegalArgumentException(
          e.getMessage().lines().map(line -> root + "/" + line).collect(Collectors.joining("\n")),
          e);
    }
    List<Located> located = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (EvalManifest.Case c : manifest.cases()) {
      Path dir = root.resolve(c.id());
      c.files().stream()
          .filter(file -> !Files.isRegularFile(dir.resolve(file)))
          .forEach(file -> missing.add(dir.resolve(file) + ": listed in the manifest, not there"));
      located.add(new Located(c, dir));
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", missing));
    }
    return new EvalCases(located, null);
  }

  public List<Located> cases() {
    return cases;
  }

  @Override
  public void close() {
    if (extractedTo != null) {
      delete(extractedTo);
    }
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = EvalCases.class.getClassLoader().getResourceAsStream(SHIPPED + path)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks the evaluation file " + SHIPPED + path);
      }
      return in.readAllBytes();
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the extracted cases at " + root, e);
    }
  }
}
