package dev.stallwatch.collector;

/**
 * Parses {@code /proc/[pid]/stat}: {@code pid (comm) state ppid ...}. COMM may contain spaces and
 * parentheses, so it runs to the last {@code ')'}.
 */
final class ProcTaskParser {

  /**
   * @param cpuTicks user plus system time in clock ticks; grows while the task makes progress
   * @param startTicks when the task started, in clock ticks since boot
   */
  record Task(int pid, String comm, char state, long cpuTicks, long startTicks) {}

  private ProcTaskParser() {}

  static Task parse(String text) throws FormatException {
    String line = text.strip();
    int open = line.indexOf(" (");
    int close = line.lastIndexOf(')');
    if (open < 1 || close < open || close + 2 >= line.length()) {
      throw new FormatException(
          "not /proc/PID/stat 'PID (COMM) STATE ...': " + SourceFiles.excerpt(line));
    }
    String[] rest = line.substring(close + 2).split(" ");
    // rest[0] is field 3 (state); utime, stime, starttime are fields 14, 15, 22.
    if (rest.length < 20 || rest[0].length() != 1) {
      throw new FormatException("/proc/PID/stat too short: " + SourceFiles.excerpt(line));
    }
    try {
      return new Task(
          Integer.parseInt(line.substring(0, open)),
          line.substring(open + 2, close),
          rest[0].charAt(0),
          Long.parseLong(rest[11]) + Long.parseLong(rest[12]),
          Long.parseLong(rest[19]));
    } catch (NumberFormatException e) {
      throw new FormatException(
          "/proc/PID/stat field is not a number: " + SourceFiles.excerpt(line));
    }
  }
}
