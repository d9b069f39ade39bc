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

  private Fixtures() {}

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
