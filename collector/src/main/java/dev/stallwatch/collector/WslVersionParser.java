package dev.stallwatch.collector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the output of {@code wsl.exe --version}: lines {@code LABEL: VALUE} (WSL, Kernel, WSLg,
 * MSRDC, Direct3D, DXCore, Windows), UTF-16LE when piped unless {@code WSL_UTF8=1}. Labels are
 * localized on non-English Windows, so values are taken by position when the English label is
 * missing.
 */
final class WslVersionParser {

  /** The versions of interest; null when not shown. */
  record WslVersion(String wsl, String kernel, String windows) {}

  private static final int WSL_LINE = 0;
  private static final int KERNEL_LINE = 1;
  private static final int WINDOWS_LINE = 6;

  private WslVersionParser() {}

  /** The text of the raw output: UTF-16LE when it has a BOM or NULs between ASCII, else UTF-8. */
  static String decode(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    }
    int nulsAtOdd = 0;
    for (int i = 1; i < Math.min(bytes.length, 200); i += 2) {
      if (bytes[i] == 0) {
        nulsAtOdd++;
      }
    }
    if (bytes.length >= 4 && nulsAtOdd * 4 >= Math.min(bytes.length, 200) / 2) {
      return new String(bytes, StandardCharsets.UTF_16LE);
    }
    return new String(bytes, StandardCharsets.UTF_8).replace("\uFEFF", "");
  }

  static WslVersion parse(String text) throws FormatException {
    if (text.contains("--version")
        && !text.contains(":  ")
        && text.toLowerCase(Locale.ROOT).contains("invalid")) {
      throw new FormatException(
          "this WSL is too old to answer --version: " + SourceFiles.excerpt(text.strip()));
    }
    List<String[]> pairs = new ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      int colon = line.indexOf(':');
      if (colon > 0 && colon < line.length() - 1) {
        pairs.add(
            new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
      }
    }
    if (pairs.isEmpty() || !pairs.getFirst()[1].matches("\\d+\\.\\d+[0-9.]*")) {
      throw new FormatException(
          "not 'wsl --version' output ('WSL version: 2.5.7.0' first): "
              + SourceFiles.excerpt(text.strip()));
    }
    return new WslVersion(
        value(pairs, "WSL version", WSL_LINE),
        value(pairs, "Kernel version", KERNEL_LINE),
        value(pairs, "Windows version", WINDOWS_LINE));
  }

  private static String value(List<String[]> pairs, String label, int position) {
    for (String[] pair : pairs) {
      if (pair[0].equalsIgnoreCase(label)) {
        return pair[1];
      }
    }
    return position < pairs.size() ? pairs.get(position)[1] : null;
  }
}
