package dev.stallwatch.app.diagnose;

import dev.stallwatch.collector.OfflineParser.Kind;
import java.util.regex.Pattern;

/** The three forms a captured kernel log comes in, told apart by the lines themselves. */
enum KernelLogForm {
  /** {@code dmesg}: {@code [ 1234.567890] MESSAGE}, seconds since boot. */
  DMESG_SECONDS(Kind.DMESG),
  /** {@code dmesg -T}: {@code [Sun Sep 24 18:16:29 2023] MESSAGE}, local time. */
  DMESG_DATES(Kind.DMESG),
  /** Raw /dev/kmsg records: {@code PRIO,SEQ,USEC,FLAGS;MESSAGE}, microseconds since boot. */
  KMSG(Kind.KMSG);

  private static final Pattern KMSG_LINE = Pattern.compile("^\\d{1,10},\\d{1,19},\\d{1,19},[^;]*;");
  private static final Pattern SECONDS_LINE = Pattern.compile("^\\[\\s*\\d{1,10}\\.\\d{6}\\]");
  private static final Pattern DATES_LINE = Pattern.compile("^\\[[A-Z][a-z]{2} [A-Z][a-z]{2} ");
  // Enough lines to see past a few garbled ones at the start, few enough to stay quick.
  private static final int LINES_LOOKED_AT = 50;

  private final Kind kind;

  KernelLogForm(Kind kind) {
    this.kind = kind;
  }

  /** The collector parser that reads this form. */
  Kind kind() {
    return kind;
  }

  /** The form most of the first lines have; plain {@code dmesg} when none has any. */
  static KernelLogForm of(String text) {
    int[] votes = new int[values().length];
    text.lines()
        .filter(line -> !line.isBlank())
        .limit(LINES_LOOKED_AT)
        .forEach(
            line -> {
              if (KMSG_LINE.matcher(line).find()) {
                votes[KMSG.ordinal()]++;
              } else if (SECONDS_LINE.matcher(line).find()) {
                votes[DMESG_SECONDS.ordinal()]++;
              } else if (DATES_LINE.matcher(line).find()) {
                votes[DMESG_DATES.ordinal()]++;
              }
            });
    KernelLogForm best = DMESG_SECONDS;
    for (KernelLogForm form : values()) {
      if (votes[form.ordinal()] > votes[best.ordinal()]) {
        best = form;
      }
    }
    return best;
  }
}
