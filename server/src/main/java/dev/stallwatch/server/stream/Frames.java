package dev.stallwatch.server.stream;

import java.time.Duration;

/**
 * The text of server-sent events. Every frame ends with a blank line, so none is empty: an empty
 * string is free to mean "end of stream" in a client's queue.
 */
final class Frames {

  /** Why a client is told to reload everything instead of being sent what it missed. */
  enum ResyncReason {
    /** What it missed is older than the events kept, or it was sent by an earlier server run. */
    EXPIRED,
    /** It fell too far behind; its stream ends after this event and it reconnects. */
    OVERFLOW;

    String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static final String HEARTBEAT = ": keep-alive\n\n";

  private Frames() {}

  /** One event; {@code json} may span lines, each becoming a {@code data:} line. */
  static String event(long id, String type, String json) {
    StringBuilder frame = new StringBuilder(json.length() + 48);
    frame.append("id: ").append(id).append('\n').append("event: ").append(type).append('\n');
    for (String line : json.split("\r\n|\r|\n", -1)) {
      frame.append("data: ").append(line).append('\n');
    }
    return frame.append('\n').toString();
  }

  /**
   * Tells the client to reload its state; the id is the newest event's, so a reconnect after the
   * reload continues from there.
   */
  static String resync(long newestId, ResyncReason reason) {
    return event(newestId, "resync", "{\"reason\":\"" + reason.wireName() + "\"}");
  }

  /** How long the browser waits before reconnecting. */
  static String retry(Duration wait) {
    return "retry: " + wait.toMillis() + "\n\n";
  }
}
