package dev.stallwatch.server;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks the raw query string before any parameter is read. Javalin drops a parameter whose
 * percent-encoding is malformed ({@code q=%zz}) and turns bytes that are not UTF-8 ({@code q=%ff})
 * into U+FFFD, so either would be answered as if something else were wrong; this refuses them with
 * the parameter's name and what is wrong with it.
 */
final class QueryStrings {

  private QueryStrings() {}

  static void check(Context ctx) {
    String raw = ctx.queryString();
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&", -1)) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String label = "the %s parameter".formatted(shortened(decode(name, "a parameter name")));
      if (equals >= 0) {
        decode(pair.substring(equals + 1), label);
      }
    }
  }

  /** A name as an error quotes it: whole if short, else its start. */
  private static String shortened(String name) {
    return name.length() <= 40 ? name : name.substring(0, 40) + "…";
  }

  /** {@code text} percent-decoded as UTF-8; {@code what} names it in the error. */
  private static String decode(String text, String what) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      int c = text.codePointAt(i);
      if (c == '%') {
        int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0) {
          String found = text.substring(i, Math.min(text.length(), i + 3));
          throw new BadRequestResponse(
              ("The percent-encoding of %s is malformed at '%s': %% must be followed by two hex"
                      + " digits (write %% itself as %%25).")
                  .formatted(what, found));
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else {
        bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(c) - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadRequestResponse(
          "%s is not valid UTF-8 once percent-decoded; encode text as UTF-8 before escaping it."
              .formatted(capitalized(what)));
    }
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
