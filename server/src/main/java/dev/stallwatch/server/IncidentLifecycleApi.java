package dev.stallwatch.server;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.server.team.TeamState;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Acknowledging an incident, noting on it, and its history. */
final class IncidentLifecycleApi {

  private final TeamState team;
  private final IncidentIndex index;
  private final TeamChanges changes;
  private final Clock clock;

  IncidentLifecycleApi(TeamState team, IncidentIndex index, TeamChanges changes, Clock clock) {
    this.team = team;
    this.index = index;
    this.changes = changes;
    this.clock = clock;
  }

  /** {@code POST /api/incidents/{id}/ack} with an optional {@code comment}. */
  void acknowledge(Context ctx) {
    Incident incident = find(ctx.pathParam("id"));
    JsonBody body = JsonBody.of(ctx, Set.of("comment", "author"));
    String by = changes.author(ctx, body);
    String comment = text(body, "comment", false);
    Instant now = clock.instant();
    var ack =
        new IncidentAction(incident.id(), IncidentAction.Kind.ACKNOWLEDGED, null, by, now, comment);
    changes.apply(() -> changes.log().record(ack));
    changes.audit(ctx, by, "incident.acknowledge", incident.id(), comment, now);
    ctx.json(action(ack));
  }

  /** {@code POST /api/incidents/{id}/notes} with the note's {@code text}. */
  void note(Context ctx) {
    Incident incident = find(ctx.pathParam("id"));
    JsonBody body = JsonBody.of(ctx, Set.of("text", "author"));
    String by = changes.author(ctx, body);
    String text = text(body, "text", true);
    Instant now = clock.instant();
    var note =
        new IncidentAction(
            incident.id(), IncidentAction.Kind.NOTE, UUID.randomUUID().toString(), by, now, text);
    changes.apply(() -> changes.log().record(note));
    changes.audit(ctx, by, "incident.note", incident.id(), text, now);
    ctx.status(201).json(action(note));
  }

  /** {@code GET /api/incidents/{id}/history}. */
  void history(Context ctx) {
    Incident incident = find(ctx.pathParam("id"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("incidentId", incident.id());
    out.put(
        "acknowledged",
        team.actions(incident.id()).stream()
            .filter(a -> a.kind() == IncidentAction.Kind.ACKNOWLEDGED)
            .findFirst()
            .map(IncidentLifecycleApi::action)
            .orElse(null));
    out.put("history", team.history(incident));
    ctx.json(out);
  }

  private Incident find(String id) {
    return index
        .get(id)
        .or(() -> team.incident(id))
        .orElseThrow(() -> new NotFoundResponse("No incident has the id '%s'.".formatted(id)));
  }

  private static String text(JsonBody body, String key, boolean required) {
    String text = body.text(key);
    if (text == null || text.isBlank()) {
      if (required) {
        throw new BadRequestResponse("The body needs '%s': what to note.".formatted(key));
      }
      return "";
    }
    if (text.length() > IncidentAction.MAX_TEXT) {
      throw new BadRequestResponse(
          "%s is longer than %d characters.".formatted(key, IncidentAction.MAX_TEXT));
    }
    return text.strip();
  }

  static Map<String, Object> action(IncidentAction action) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("incidentId", action.incidentId());
    out.put("kind", action.kind().name().toLowerCase(java.util.Locale.ROOT));
    if (action.id() != null) {
      out.put("id", action.id());
    }
    out.put("by", action.by());
    out.put("at", action.at());
    out.put("text", action.text());
    return out;
  }
}
