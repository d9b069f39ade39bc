package dev.stallwatch.collector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP/1.x answer read from a byte stream: status line, headers, and a body framed by {@code
 * Content-Length}, chunked encoding, or the end of the stream. Sizes are capped, so a backend that
 * answers something huge or endless costs a bounded read and a clear error.
 *
 * @param headers header names in lower case; a repeated header keeps its last value
 */
record HttpAnswer(int status, String reason, Map<String, String> headers, byte[] body) {

  static final int MAX_HEADER_BYTES = 16 * 1024;
  static final int MAX_BODY_BYTES = 256 * 1024;
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: (.*))?");

  HttpAnswer {
    headers = Map.copyOf(headers);
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * @throws IOException when the stream ends early, is not HTTP, or is larger than allowed
   */
  static HttpAnswer read(InputStream in) throws IOException {
    int[] headerBudget = {MAX_HEADER_BYTES};
    String statusLine = line(in, headerBudget);
    if (statusLine == null) {
      throw new IOException("closed without an answer");
    }
    Matcher status = STATUS_LINE.matcher(statusLine);
    if (!status.matches()) {
      throw new IOException("not an HTTP answer: " + SourceFiles.excerpt(statusLine));
    }
    Map<String, String> headers = new HashMap<>();
    for (String header = line(in, headerBudget); ; header = line(in, headerBudget)) {
      if (header == null) {
        throw new IOException("answer cut short in its headers");
      }
      if (header.isEmpty()) {
        break;
      }
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new IOException("bad HTTP header: " + SourceFiles.excerpt(header));
      }
      headers.put(
          header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          header.substring(colon + 1).strip());
    }
    int code = Integer.parseInt(status.group(1));
    String reason = status.group(2) == null ? "" : status.group(2).strip();
    return new HttpAnswer(code, reason, headers, body(in, headers));
  }

  private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
    if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
      return chunked(in);
    }
    String length = headers.get("content-length");
    if (length == null) {
      return upTo(in, MAX_BODY_BYTES, false);
    }
    long size;
    try {
      size = Long.parseLong(length);
    } catch (NumberFormatException e) {
      throw new IOException("bad Content-Length: " + SourceFiles.excerpt(length));
    }
    if (size < 0 || size > MAX_BODY_BYTES) {
      throw new IOException("body of " + size + " bytes, more than " + MAX_BODY_BYTES + " allowed");
    }
    return upTo(in, (int) size, true);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int[] budget = {MAX_HEADER_BYTES};
    while (true) {
      String sizeLine = line(in, budget);
      if (sizeLine == null) {
        throw new IOException("answer cut short in its chunked body");
      }
      int size;
      try {
        size = Integer.parseInt(sizeLine.split(";", 2)[0].strip(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size: " + SourceFiles.excerpt(sizeLine));
      }
      if (size < 0 || body.size() + (long) size > MAX_BODY_BYTES) {
        throw new IOException("chunked body larger than " + MAX_BODY_BYTES + " bytes");
      }
      if (size == 0) {
        // Trailers, if any, end with an empty line; a stream that just ends is fine too.
        String trailer;
        do {
          trailer = line(in, budget);
        } while (trailer != null && !trailer.isEmpty());
        return body.toByteArray();
      }
      body.write(upTo(in, size, true));
      line(in, budget);
    }
  }

  /** Exactly {@code size} bytes when {@code exact}, else up to the end of the stream. */
  private static byte[] upTo(InputStream in, int size, boolean exact) throws IOException {
    byte[] bytes = in.readNBytes(size);
    if (exact && bytes.length < size) {
      throw new IOException("answer cut short: " + bytes.length + " of " + size + " bytes");
    }
    if (!exact && in.read() != -1) {
      throw new IOException("body larger than " + size + " bytes");
    }
    return bytes;
  }

  /** One line without its CRLF or LF; null at the end of the stream before any byte. */
  private static String line(InputStream in, int[] budget) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(80);
    int b = in.read();
    if (b == -1) {
      return null;
    }
    while (b != -1 && b != '\n') {
      if (--budget[0] < 0) {
        throw new IOException("headers longer than " + MAX_HEADER_BYTES + " bytes");
      }
      line.write(b);
      b = in.read();
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }
}
