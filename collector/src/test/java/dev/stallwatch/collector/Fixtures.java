package dev.stallwatch.collector;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The machine trees under src/test/resources/fixtures, laid out like the collector's root. */
final class Fixtures {

  /** A WSL2 distro with cgroup v2 memory files, a kernel log with one hung task, a machine-id. */
  static final String CGROUP2 = "wsl2-cgroup2";

  /** A WSL2 distro on the hybrid cgroup layout: meminfo only, no kernel log readable. */
  static final String HYBRID = "wsl2-hybrid";

  /** Real-shaped sample files of every format of formats.md, one file a variant. */
  static final String FORMATS = "formats";

  private Fixtures() {}

  /** The bytes of a file under fixtures/formats. */
  static byte[] format(String name) {
    try {
      return java.nio.file.Files.readAllBytes(root(FORMATS).resolve(name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String formatText(String name) {
    return new String(format(name), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Collects the problems a parser reports, as "LINE: reason". */
  static final class CollectedProblems implements Problems {
    final java.util.List<String> lines = new java.util.ArrayList<>();

    @Override
    public void report(int line, String reason) {
      lines.add(line + ": " + reason);
    }
  }

  static Path root(String name) {
    URL url = Fixtures.class.getResource("/fixtures/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no fixture " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
