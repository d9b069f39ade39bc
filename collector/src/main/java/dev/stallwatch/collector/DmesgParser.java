package dev.stallwatch.collector;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code dmesg} text: {@code [ 1234.567890] MESSAGE} (seconds since boot, mapped with the
 * boot time) or {@code dmesg -T}'s {@code [Sun Sep 24 18:16:29 2023] MESSAGE} (local time, mapped
 * with the zone). A line without a timestamp continues the message before it.
 */
final class DmesgParser {

  /** One kernel message with its wall-clock time. */
  record Message(Instant ts, String text) {}

  private static final Pattern MONOTONIC =
      Pattern.compile("^\\[\\s*(\\d{1,10})\\.(\\d{6})\\] ?(.*)$");
  private static final Pattern HUMAN =
      Pattern.compile(
          "^\\[([A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4})\\] ?(.*)$");
  private static final DateTimeFormatter HUMAN_TIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

  private DmesgParser() {}

  static List<Message> parse(String text, Instant bootTime, ZoneId zone, Problems problems) {
    List<Message> messages = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank()) {
        continue;
      }
      Matcher mono = MONOTONIC.matcher(line);
      Matcher human = HUMAN.matcher(line);
      if (mono.matches()) {
        long micros = Long.parseLong(mono.group(1)) * 1_000_000L + Long.parseLong(mono.group(2));
        messages.add(new Message(bootTime.plus(micros, ChronoUnit.MICROS), mono.group(3)));
      } else if (human.matches()) {
        try {
          Instant ts = LocalDateTime.parse(human.group(1), HUMAN_TIME).atZone(zone).toInstant();
          messages.add(new Message(ts, human.group(2)));
        } catch (DateTimeParseException e) {
          problems.report(i + 1, "bad dmesg -T date: " + SourceFiles.excerpt(line));
        }
      } else if (!messages.isEmpty() && !line.startsWith("[")) {
        // A message continued on the next line: kept as a record of its own, like /dev/kmsg's
        // continuation records, so that the split-message rules can join it.
        messages.add(new Message(messages.getLast().ts(), line.strip()));
      } else {
        problems.report(
            i + 1,
            "not a dmesg line '[SECONDS] MESSAGE' or '[DATE] MESSAGE': "
                + SourceFiles.excerpt(line));
      }
    }
    return messages;
  }
}
