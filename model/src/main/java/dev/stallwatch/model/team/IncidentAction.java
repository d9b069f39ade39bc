package dev.stallwatch.model.team;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to an incident besides its own evidence: an acknowledgement, a note, or
 * an escalation the server noticed. Published on the compacted {@code stallwatch.incident-actions}
 * keyed by {@link #key()}: one acknowledgement per incident (a second one replaces the first),
 * every note under a key of its own, and one escalation per severity reached, so servers that
 * notice the same escalation write the same record.
 *
 * @param id for a note, its own id; otherwise null
 * @param by who did it ({@code token}, a basic-auth user, {@code local}; {@code stallwatch} for an
 *     escalation)
 * @param text the comment or note; for an escalation, the severity reached
 */
public record IncidentAction(
    String incidentId, Kind kind, String id, String by, Instant at, String text) {

  /** The longest comment or note kept. */
  public static final int MAX_TEXT = 4_000;

  public enum Kind {
    ACKNOWLEDGED,
    NOTE,
    ESCALATED
  }

  public IncidentAction {
    if (incidentId == null || incidentId.isBlank()) {
      throw new IllegalArgumentException("an incident action needs the incident's id");
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
    text = text == null ? "" : text;
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("the text is longer than " + MAX_TEXT + " characters");
    }
    if (kind == Kind.NOTE && (id == null || id.isBlank() || text.isBlank())) {
      throw new IllegalArgumentException("a note needs an id and some text");
    }
  }

  /** The record's key on {@code stallwatch.incident-actions}. */
  public String key() {
    return switch (kind) {
      case ACKNOWLEDGED -> incidentId + "/ack";
      case NOTE -> incidentId + "/note/" + id;
      case ESCALATED -> incidentId + "/escalated/" + text;
    };
  }
}
