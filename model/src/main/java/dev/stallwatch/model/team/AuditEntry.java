package dev.stallwatch.model.team;

import java.time.Instant;
import java.util.Objects;

/**
 * One change a person made through the API, on {@code stallwatch.audit} keyed by the actor.
 *
 * @param actor who, as {@link IncidentAction#by()}
 * @param action what, e.g. {@code incident.acknowledge}, {@code silence.create}
 * @param target the incident or silence id
 * @param detail the change in a few words (the comment, the matchers)
 * @param remoteAddress the address the request came from
 */
public record AuditEntry(
    Instant at, String actor, String action, String target, String detail, String remoteAddress) {

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    detail = detail == null ? "" : detail;
  }
}
