package dev.stallwatch.collector;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses apt's logs into runs. {@code term.log}: blocks from {@code Log started: YYYY-MM-DD
 * HH:MM:SS} to {@code Log ended: ...} holding raw dpkg output. {@code history.log}: blank-line
 * separated blocks of {@code Start-Date:}, {@code Commandline:}, ..., {@code End-Date:}. Times are
 * local to the machine, hence the zone. A block with no end is a run that is still going, was
 * killed, or hangs.
 */
final class AptLogParser {

  /**
   * One apt or dpkg run.
   *
   * @param end null while the block has no end line
   * @param lastLine the last output line of the run (term.log), or its Error line (history.log)
   */
  record Run(Instant start, Instant end, String commandline, String lastLine) {}

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd  HH:mm:ss");

  private AptLogParser() {}

  static List<Run> termLog(String text, ZoneId zone, Problems problems) {
    List<Run> runs = new ArrayList<>();
    boolean inBlock = false;
    Instant start = null;
    String last = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripCr(lines[i]);
      if (line.startsWith("Log started: ")) {
        if (inBlock && start != null) {
          runs.add(new Run(start, null, null, last));
        }
        inBlock = true;
        start = stamp(line.substring(13), zone, i + 1, problems);
        last = null;
      } else if (line.startsWith("Log ended: ")) {
        Instant end = stamp(line.substring(11), zone, i + 1, problems);
        if (inBlock && start != null) {
          runs.add(new Run(start, end, null, last));
        }
        inBlock = false;
      } else if (!line.isBlank() && inBlock) {
        last = line;
      } else if (!line.isBlank()) {
        problems.report(i + 1, "outside any 'Log started:' block: " + SourceFiles.excerpt(line));
      }
    }
    if (inBlock && start != null) {
      runs.add(new Run(start, null, null, last));
    }
    return runs;
  }

  static List<Run> historyLog(String text, ZoneId zone, Problems problems) {
    List<Run> runs = new ArrayList<>();
    Instant start = null;
    Instant end = null;
    String commandline = null;
    String error = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? stripCr(lines[i]) : "";
      if (line.isBlank()) {
        if (start != null) {
          runs.add(new Run(start, end, commandline, error));
        }
        start = end = null;
        commandline = error = null;
      } else if (line.startsWith("Start-Date: ")) {
        start = stamp(line.substring(12), zone, i + 1, problems);
      } else if (line.startsWith("End-Date: ")) {
        end = stamp(line.substring(10), zone, i + 1, problems);
      } else if (line.startsWith("Commandline: ")) {
        commandline = line.substring(13);
      } else if (line.startsWith("Error: ")) {
        error = line;
      } else if (!line.matches("[A-Z][A-Za-z-]{1,30}: .*")) {
        problems.report(i + 1, "not a history.log 'Key: value' line: " + SourceFiles.excerpt(line));
      }
    }
    return runs;
  }

  private static Instant stamp(String text, ZoneId zone, int line, Problems problems) {
    try {
      return LocalDateTime.parse(text.strip().replaceFirst(" ", "  ").replace("   ", "  "), STAMP)
          .atZone(zone)
          .toInstant();
    } catch (DateTimeParseException e) {
      problems.report(line, "not a date 'YYYY-MM-DD  HH:MM:SS': " + SourceFiles.excerpt(text));
      return null;
    }
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
