package dev.stallwatch.server;

import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.streams.AnalyzerHealth;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * {@code GET /healthz}: whether this process does its job. A failing or stopped analyzer answers
 * 503, so a load balancer or a probe sees what a person would see in the dashboard.
 */
final class HealthApi {

  static final String OK = "ok";

  /** What {@code /healthz} answers; absent parts are left out. */
  record Health(
      String status,
      long incidents,
      int knownIssues,
      AnalyzerHealth analyzer,
      StackStatus.Hosts hosts,
      Kafka kafka) {}

  record Kafka(String bootstrap) {}

  private final IncidentIndex index;
  private final StackStatus stack;

  HealthApi(IncidentIndex index, StackStatus stack) {
    this.index = index;
    this.stack = stack;
  }

  void health(Context ctx) {
    AnalyzerHealth analyzer = stack.analyzer().orElse(null);
    String status = analyzer == null ? OK : status(analyzer);
    ctx.status(
        status.equals(AnalyzerHealth.FAILING) || status.equals(AnalyzerHealth.STOPPED)
            ? HttpStatus.SERVICE_UNAVAILABLE
            : HttpStatus.OK);
    ctx.json(
        new Health(
            status,
            index.count(),
            index.knowledgeBase().size(),
            analyzer,
            stack.hosts().orElse(null),
            stack.bootstrap().map(Kafka::new).orElse(null)));
  }

  private static String status(AnalyzerHealth analyzer) {
    return analyzer.healthy() ? OK : analyzer.status();
  }
}
