package dev.stallwatch.server;

import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.server.fleet.FleetView;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/**
 * The routes over the fleet: {@code /api/overview}, {@code /api/hosts}, {@code /api/hosts/{id}},
 * {@code /api/cohorts} and {@code /api/me}, answered from a {@link FleetView} and the index.
 */
final class FleetRoutes {

  private FleetRoutes() {}

  /**
   * @param rules the rules the analyzer runs, for the titles of the risks they name and their known
   *     issues
   */
  static void register(
      RoutesConfig routes, FleetView fleet, IncidentIndex index, RuleBook rules, Clock clock) {
    HostsApi hosts = new HostsApi(fleet, rules);
    HostKnowledge knowledge = new HostKnowledge(index.knowledgeBase(), rules);
    routes.get("/api/overview", new OverviewApi(fleet, index, clock)::overview);
    routes.get("/api/hosts", hosts::list);
    routes.get("/api/hosts/{id}", new HostApi(fleet, index, hosts, knowledge, clock)::host);
    routes.get(
        "/api/cohorts", new CohortsApi(fleet, new CohortFixes(index.knowledgeBase()))::cohorts);
    routes.get("/api/me", new MeApi(fleet, index, hosts, knowledge)::me);
  }
}
