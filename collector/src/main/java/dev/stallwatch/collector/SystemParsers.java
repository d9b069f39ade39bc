package dev.stallwatch.collector;

import dev.stallwatch.model.CgroupLayout;
import java.util.regex.Pattern;

/** Parsers of the small /proc files the inventory reads: mounts, cmdline, osrelease. */
final class SystemParsers {

  private static final Pattern RELEASE = Pattern.compile("\\d{1,3}\\.\\d{1,3}[0-9A-Za-z.+_~-]*");

  private SystemParsers() {}

  /**
   * The cgroup layout /proc/mounts shows: {@code cgroup2} at /sys/fs/cgroup is v2 only; v1 {@code
   * cgroup} mounts beside a {@code cgroup2} one (at /sys/fs/cgroup/unified) are hybrid; v1 mounts
   * alone are v1.
   *
   * @throws FormatException when no line is a mount entry, or no cgroup is mounted
   */
  static CgroupLayout cgroupLayout(String mounts, Problems problems) throws FormatException {
    boolean v2Root = false;
    boolean v2Elsewhere = false;
    boolean v1 = false;
    int entries = 0;
    String[] lines = mounts.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length < 4) {
        problems.report(
            i + 1,
            "not a mount entry 'DEVICE MOUNTPOINT TYPE OPTIONS ...': " + SourceFiles.excerpt(line));
        continue;
      }
      entries++;
      boolean underCgroup = f[1].equals("/sys/fs/cgroup") || f[1].startsWith("/sys/fs/cgroup/");
      if (f[2].equals("cgroup2")) {
        v2Root |= f[1].equals("/sys/fs/cgroup");
        v2Elsewhere |= underCgroup && !f[1].equals("/sys/fs/cgroup");
      } else if (f[2].equals("cgroup") && underCgroup) {
        v1 = true;
      }
    }
    if (entries == 0) {
      throw new FormatException(
          "not /proc/mounts: no mount entry in " + SourceFiles.excerpt(mounts));
    }
    if (v2Root && !v1) {
      return CgroupLayout.V2;
    }
    if (v1) {
      return v2Elsewhere || v2Root ? CgroupLayout.HYBRID : CgroupLayout.V1;
    }
    throw new FormatException("no cgroup filesystem is mounted under /sys/fs/cgroup");
  }

  /**
   * The kernel command line of {@code /proc/cmdline}: one line of printable text.
   *
   * @throws FormatException for binary data or several lines
   */
  static String cmdline(String text) throws FormatException {
    String line = text.strip();
    if (line.isEmpty()
        || line.contains("\n")
        || !line.chars().allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xFFFD)) {
      throw new FormatException(
          "not a kernel command line (one line of printable text): " + SourceFiles.excerpt(line));
    }
    return line;
  }

  /** Whether the kernel command line disables cgroup v1 controllers ({@code cgroup_no_v1=}). */
  static boolean cgroupV1Disabled(String cmdline) {
    for (String token : cmdline.strip().split("\\s+")) {
      if (token.startsWith("cgroup_no_v1=") && token.length() > "cgroup_no_v1=".length()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The kernel release of {@code /proc/sys/kernel/osrelease}, e.g. {@code
   * 6.6.87.2-microsoft-standard-WSL2}.
   */
  static String kernelRelease(String text) throws FormatException {
    String release = text.strip();
    if (!RELEASE.matcher(release).matches()) {
      throw new FormatException(
          "not a kernel release like 6.6.87.2-microsoft-standard-WSL2: "
              + SourceFiles.excerpt(release));
    }
    return release;
  }
}
