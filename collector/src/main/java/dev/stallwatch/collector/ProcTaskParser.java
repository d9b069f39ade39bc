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
    if (open < 1 || close < open || close + 3 >= line.length()) {
      throw new FormatException(
          "not /proc/PID/stat 'PID (COMM) STATE ...': " + SourceFiles.excerpt(line));
    }
    // Fields after COMM, counted from 3 (state); utime, stime, starttime are 14, 15 and 22.
    // Scanned by hand: this runs for every task every second.
    long[] wanted = new long[3];
    int field = 3;
    int start = close + 2;
    char state = line.charAt(start);
    for (int i = start; i <= line.length() && field <= 22; i++) {
      if (i == line.length() || line.charAt(i) == ' ') {
        if (field == 3 && i - start != 1) {
          throw new FormatException(
              "/proc/PID/stat state is not one letter: " + SourceFiles.excerpt(line));
        }
        int slot = field == 14 ? 0 : field == 15 ? 1 : field == 22 ? 2 : -1;
        if (slot >= 0) {
          wanted[slot] = number(line, start, i);
        }
        field++;
        start = i + 1;
      }
    }
    if (field <= 22) {
      throw new FormatException("/proc/PID/stat too short: " + SourceFiles.excerpt(line));
    }
    return new Task(
        (int) number(line, 0, open),
        line.substring(open + 2, close),
        state,
        wanted[0] + wanted[1],
        wanted[2]);
  }

  private static long number(String line, int from, int to) throws FormatException {
    try {
      return Long.parseLong(line, from, to, 10);
    } catch (NumberFormatException e) {
      throw new FormatException(
          "/proc/PID/stat field is not a number: " + SourceFiles.excerpt(line));
    }
  }
}
