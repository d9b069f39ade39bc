package dev.stallwatch.server;

import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.server.fleet.FleetView;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /api/me?host=ID}: one developer's own machine, for the person whose WSL just froze:
 * its state, one sentence on why it hangs or that it is fine, its open incidents with the fix steps
 * of their known issues, and the link to its host page.
 */
final class MeApi {

  /**
   * @param summary one sentence: why this machine hangs, or that it is fine
   * @param link the dashboard's page of the host
   */
  record Me(HostRow host, String summary, List<OpenIncident> openIncidents, String link) {}

  /**
   * @param steps what to change: the workarounds of the incident's best known issue
   */
  record OpenIncident(
      String id,
      String title,
      String rule,
      String remediation,
      List<HostKnowledge.Issue> knownIssues,
      List<String> steps) {}

  private final FleetView fleet;
  private final IncidentIndex index;
  private final HostsApi rows;
  private final HostKnowledge knowledge;

  MeApi(FleetView fleet, IncidentIndex index, HostsApi rows, HostKnowledge knowledge) {
    this.fleet = fleet;
    this.index = index;
    this.rows = rows;
    this.knowledge = knowledge;
  }

  void me(Context ctx) {
    String id = ctx.queryParam("host");
    if (id == null || id.isBlank()) {
      throw new BadRequestResponse(
          "The host parameter is required: give your machine's host id, as 'stallwatch status'"
              + " prints it.");
    }
    HostState host = HostApi.find(fleet, id.strip());
    List<Incident> open =
        HostApi.incidents(index, host.host()).stream()
            .filter(i -> i.status() == Incident.Status.OPEN)
            .toList();
    List<OpenIncident> incidents =
        open.stream()
            .map(
                i ->
                    new OpenIncident(
                        i.id(),
                        i.title(),
                        i.rule(),
                        i.remediation(),
                        knowledge.forIncident(i, host),
                        knowledge.steps(i)))
            .toList();
    String link = "/#/hosts/" + URLEncoder.encode(host.host(), StandardCharsets.UTF_8);
    ctx.json(new Me(rows.row(host), summary(host, open), incidents, link));
  }

  static String summary(HostState host, List<Incident> open) {
    String name = HostKnowledge.shownName(host);
    if (host.silent()) {
      return "%s stopped reporting: the VM may be frozen; if WSL does not answer, run wsl --shutdown from Windows."
          .formatted(name);
    }
    if (!open.isEmpty()) {
      return "%s hangs now: %s.".formatted(name, stripDot(open.getFirst().title()));
    }
    if (host.atRisk()) {
      return "%s has not hung, but its setup matches a known cause of hangs: %s."
          .formatted(name, String.join(", ", host.riskRules()));
    }
    if (host.resourceSaverActive()) {
      return "%s is fine; Docker Desktop is in Resource Saver now.".formatted(name);
    }
    return "%s is fine: no open incident and nothing in its setup known to cause hangs."
        .formatted(name);
  }

  private static String stripDot(String text) {
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}
