package dev.stallwatch.model.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The fields every telemetry record carries on the wire besides its type.
 *
 * @param v schema version of the event's payload; a reader refuses a version newer than it knows
 * @param host the stable id of the machine that observed the event; also the record key. One to
 *     {@value #MAX_HOST_LENGTH} ASCII letters, digits, {@code .}, {@code _} or {@code -}, starting
 *     with a letter or digit: what hostnames and machine-id hashes are made of
 * @param ts event time: when it happened on the host, not when it was sent
 * @param seq the collector's own counter; a gap means the collector lost events
 * @param id unique per event, so that redelivery is idempotent downstream
 */
public record Envelope(int v, String host, Instant ts, long seq, String id) {

  public static final int CURRENT_VERSION = 1;
  public static final int MAX_HOST_LENGTH = 128;
  public static final int MAX_ID_LENGTH = 128;

  private static final Pattern HOST_ID =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_HOST_LENGTH - 1) + "}");
  private static final int QUOTED_LENGTH = 40;

  public Envelope {
    if (v < 1 || v > CURRENT_VERSION) {
      throw new IllegalArgumentException(
          "v %d is not a version this reader knows (it reads 1 to %d)"
              .formatted(v, CURRENT_VERSION));
    }
    requireHostId(host);
    Objects.requireNonNull(ts, "ts");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative, was " + seq);
    }
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "id must be at most %d characters, was %d".formatted(MAX_ID_LENGTH, id.length()));
    }
  }

  /** Whether {@code host} is a host id events may carry. */
  public static boolean isHostId(String host) {
    return host != null && HOST_ID.matcher(host).matches();
  }

  /**
   * @throws IllegalArgumentException naming the rule and quoting the start of the bad id, escaped
   */
  public static void requireHostId(String host) {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (!isHostId(host)) {
      throw new IllegalArgumentException(
          ("host must be 1 to %d letters, digits, '.', '_' or '-', starting with a letter or digit;"
                  + " was %s (%d characters)")
              .formatted(MAX_HOST_LENGTH, quoted(host), host.length()));
    }
  }

  /** The start of untrusted text, with anything but printable ASCII escaped. */
  private static String quoted(String text) {
    StringBuilder out = new StringBuilder("'");
    text.codePoints()
        .limit(QUOTED_LENGTH)
        .forEach(
            c -> {
              if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
                out.append((char) c);
              } else {
                out.append(String.format("\\u%04x", c));
              }
            });
    return out.append(text.length() > QUOTED_LENGTH ? "'..." : "'").toString();
  }

  /** A new envelope of the current version with a random id. */
  public static Envelope of(String host, Instant ts, long seq) {
    return new Envelope(CURRENT_VERSION, host, ts, seq, UUID.randomUUID().toString());
  }
}
