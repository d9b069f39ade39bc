package dev.stallwatch.collector;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses /proc/diskstats: {@code major minor name} then 11 to 17 counters (reads completed, merged,
 * sectors, ms; writes completed, merged, sectors, ms; I/Os in progress; ms doing I/O; weighted ms;
 * then discard and flush counters on newer kernels).
 */
final class DiskStatsParser {

  /**
   * The counters a stall shows in.
   *
   * @param completed reads plus writes completed so far
   * @param inFlight I/Os currently in progress
   */
  record Disk(String name, long completed, long inFlight, long ioMillis) {}

  private DiskStatsParser() {}

  static List<Disk> parse(String text, Problems problems) throws FormatException {
    List<Disk> disks = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length < 14 || f.length > 20) {
        problems.report(
            i + 1,
            "expected 'major minor name' and 11 to 17 counters, got "
                + f.length
                + " fields: "
                + SourceFiles.excerpt(line));
        continue;
      }
      try {
        long[] n = new long[f.length];
        for (int k = 0; k < f.length; k++) {
          n[k] = k == 2 ? 0 : Long.parseUnsignedLong(f[k]);
        }
        disks.add(new Disk(f[2], n[3] + n[7], n[11], n[12]));
      } catch (NumberFormatException e) {
        problems.report(i + 1, "a counter is not a number: " + SourceFiles.excerpt(line));
      }
    }
    if (disks.isEmpty()) {
      throw new FormatException(
          "not /proc/diskstats: no disk line in " + SourceFiles.excerpt(text));
    }
    return disks;
  }
}
