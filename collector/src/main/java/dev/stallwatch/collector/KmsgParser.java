package dev.stallwatch.collector;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses /dev/kmsg lines: {@code PRIO_FAC,SEQ,TS_USEC,FLAGS[,more];MESSAGE} record lines and the
 * {@code KEY=value} continuation lines after them, which start with a space.
 */
final class KmsgParser {

  // Extra comma fields (caller=T1 on newer kernels) are allowed and ignored.
  private static final Pattern HEADER =
      Pattern.compile("(\\d{1,10}),(\\d{1,19}),(\\d{1,19}),[^,;]*(?:,[^;]*)?;(.*)", Pattern.DOTALL);

  private KmsgParser() {}

  /** Whether the line belongs to the record before it rather than starting a new one. */
  static boolean isContinuation(String line) {
    return line.startsWith(" ");
  }

  /**
   * Parses a record line.
   *
   * @throws FormatException naming what is wrong: no header, a number out of range
   */
  static KmsgRecord parse(String line) throws FormatException {
    Matcher m = HEADER.matcher(line);
    if (!m.matches()) {
      throw new FormatException(
          "not a kmsg record 'PRIO,SEQ,USEC,FLAGS;MESSAGE': " + SourceFiles.excerpt(line));
    }
    long prioFac = number(m.group(1), "priority", line);
    if (prioFac > Integer.MAX_VALUE) {
      throw new FormatException("kmsg priority out of range: " + SourceFiles.excerpt(line));
    }
    return new KmsgRecord(
        (int) (prioFac & 7),
        (int) (prioFac >> 3),
        number(m.group(2), "sequence number", line),
        number(m.group(3), "timestamp", line),
        unescape(m.group(4)));
  }

  private static long number(String digits, String what, String line) throws FormatException {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new FormatException("kmsg " + what + " out of range: " + SourceFiles.excerpt(line));
    }
  }

  /**
   * Decodes the kernel's {@code \xNN} escapes. They stand for bytes, so a multi-byte UTF-8
   * character arrives as several escapes and is decoded as a whole; invalid UTF-8 becomes U+FFFD.
   */
  static String unescape(String message) {
    if (message.indexOf("\\x") < 0) {
      return message;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.length());
    int i = 0;
    while (i < message.length()) {
      int hex =
          i + 4 <= message.length() && message.startsWith("\\x", i) ? hexByte(message, i + 2) : -1;
      if (hex >= 0) {
        bytes.write(hex);
        i += 4;
      } else {
        int cp = message.codePointAt(i);
        bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hexByte(String s, int at) {
    int high = Character.digit(s.charAt(at), 16);
    int low = Character.digit(s.charAt(at + 1), 16);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
  }
}
