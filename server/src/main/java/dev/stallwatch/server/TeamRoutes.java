package dev.stallwatch.server;

import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.server.team.TeamLog;
import dev.stallwatch.server.team.TeamState;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/**
 * The routes over what people change and what the alerts did: alerts, acknowledgements, notes,
 * history, silences, the audit trail and the incident export, answered from a {@link TeamState} and
 * recorded in a {@link TeamLog}.
 */
final class TeamRoutes {

  private TeamRoutes() {}

  static void register(
      RoutesConfig routes,
      TeamState team,
      TeamLog log,
      IncidentIndex index,
      AccessPolicy access,
      Clock clock) {
    TeamChanges changes = new TeamChanges(log, access);
    AlertsApi alerts = new AlertsApi(team, index, clock);
    SilencesApi silences = new SilencesApi(team, changes, clock);
    IncidentLifecycleApi lifecycle = new IncidentLifecycleApi(team, index, changes, clock);
    routes.get("/api/alerts", alerts::alerts);
    routes.get("/api/acks", alerts::acknowledgements);
    routes.get("/api/audit", alerts::audit);
    routes.get("/api/silences", silences::list);
    routes.post("/api/silences", silences::create);
    routes.get("/api/silences/{id}", silences::one);
    routes.delete("/api/silences/{id}", silences::expire);
    routes.post("/api/incidents/{id}/ack", lifecycle::acknowledge);
    routes.post("/api/incidents/{id}/notes", lifecycle::note);
    routes.get("/api/incidents/{id}/history", lifecycle::history);
    routes.get("/api/export/incidents", new IncidentExport(index, team)::export);
  }
}
