package dev.stallwatch.collector;

import dev.stallwatch.model.event.Pressure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a PSI file ({@code /proc/pressure/cpu|memory|io}): a {@code some} line and, except for cpu
 * on older kernels, a {@code full} line of {@code avg10=P avg60=P avg300=P total=MICROS}.
 */
final class PressureParser {

  /** The lines of one PSI file; {@code full} is null when absent. */
  record Psi(Pressure.Stall some, Pressure.Stall full) {}

  private static final Pattern LINE =
      Pattern.compile(
          "(some|full) avg10=(\\d{1,3}\\.\\d{2}) avg60=(\\d{1,3}\\.\\d{2})"
              + " avg300=(\\d{1,3}\\.\\d{2}) total=(\\d{1,19})");

  private PressureParser() {}

  static Psi parse(String text, Problems problems) throws FormatException {
    Pressure.Stall some = null;
    Pressure.Stall full = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        problems.report(
            i + 1,
            "not a PSI line 'some|full avg10=.. avg60=.. avg300=.. total=..': "
                + SourceFiles.excerpt(line));
        continue;
      }
      Pressure.Stall stall;
      try {
        stall =
            new Pressure.Stall(
                Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)),
                Long.parseLong(m.group(5)),
                null);
      } catch (NumberFormatException e) {
        problems.report(i + 1, "PSI total out of range: " + SourceFiles.excerpt(line));
        continue;
      }
      if (m.group(1).equals("some")) {
        some = stall;
      } else {
        full = stall;
      }
    }
    if (some == null) {
      throw new FormatException(
          "not a PSI file: no 'some avg10=...' line in " + SourceFiles.excerpt(text));
    }
    return new Psi(some, full);
  }
}
