package dev.stallwatch.server;

import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.SearchRequest;
import dev.stallwatch.server.alerting.AlertSinkStats;
import dev.stallwatch.server.fleet.FleetView;
import dev.stallwatch.streams.AnalyzerHealth;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * What {@code /metrics} exports, in Prometheus's text format through Micrometer:
 *
 * <ul>
 *   <li>{@code http_server_requests_seconds{method,route,status}}: latency by route template
 *       ({@code /api/incidents/{id}}, never the raw path, so ids do not multiply series); a request
 *       no route answered is {@code route="static"} (the page's files) or {@code route="unmatched"}
 *       (4xx)
 *   <li>{@code stallwatch_incidents_open}, {@code stallwatch_incidents}: from the search index
 *   <li>{@code stallwatch_sse_clients}: clients of the event stream
 *   <li>{@code stallwatch_fleet_skipped_records_total}: unreadable records the fleet feed skipped
 *   <li>{@code stallwatch_analyzer_running}, {@code stallwatch_analyzer_thread_restarts}, {@code
 *       stallwatch_analyzer_dead_letters}, {@code stallwatch_hosts_known}, {@code
 *       stallwatch_hosts_reporting}: when the server runs beside an analyzer
 * </ul>
 *
 * Other parts register their meters in {@link #registry()}: the alert sinks, and the Kafka progress
 * meters ({@link dev.stallwatch.server.progress.KafkaProgress}: events in, analyzer and index lag).
 */
public final class ServerMetrics {

  /** The Prometheus text format's content type. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger sseClients = new AtomicInteger();

  ServerMetrics(IncidentIndex index, StackStatus stack) {
    gauge(
        "stallwatch.incidents.open",
        "Incidents open now, per the search index.",
        () -> openIn(index));
    gauge("stallwatch.incidents", "Incidents in the search index.", index::count);
    gauge("stallwatch.sse.clients", "Clients connected to the event stream.", sseClients::get);
    if (stack.analyzer().isPresent()) {
      analyzerGauge(
          stack, "running", "1 while the analyzer correlates, else 0.", a -> a.healthy() ? 1 : 0);
      analyzerGauge(
          stack,
          "thread.restarts",
          "Analyzer stream threads replaced since start.",
          AnalyzerHealth::threadRestarts);
      analyzerGauge(
          stack,
          "dead.letters",
          "Records the analyzer sent to the dead-letter topic.",
          AnalyzerHealth::deadLetters);
      gauge(
          "stallwatch.hosts.known",
          "Hosts that ever sent an event.",
          () -> stack.hosts().map(h -> (Number) h.known()).orElse(Double.NaN));
      gauge(
          "stallwatch.hosts.reporting",
          "Known hosts not silent now.",
          () -> stack.hosts().map(h -> (Number) h.reporting()).orElse(Double.NaN));
    }
  }

  /** Where meters are registered; scraped by {@code /metrics}. */
  public MeterRegistry registry() {
    return registry;
  }

  /** A client of the event stream connected. */
  public void sseClientOpened() {
    sseClients.incrementAndGet();
  }

  /** A client of the event stream went away. */
  public void sseClientClosed() {
    sseClients.decrementAndGet();
  }

  /**
   * Javalin's request logger: times every request by its route's template.
   *
   * @param route the template of the route the request was for, or null when none matches
   */
  void recordRequest(Context ctx, float millis, String route) {
    Timer.builder("http.server.requests")
        .description("HTTP requests by route template, method and status.")
        .tag("method", ctx.method().name())
        .tag("route", route != null ? route : ctx.statusCode() < 400 ? "static" : "unmatched")
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record(Duration.ofNanos((long) (millis * 1_000_000)));
  }

  /** Counts the records of the fleet's topics that could not be read, read when scraped. */
  void fleet(FleetView fleet) {
    FunctionCounter.builder("stallwatch.fleet.skipped.records", fleet, FleetView::skippedRecords)
        .description("Records of the fleet and telemetry topics the dashboard could not read.")
        .register(registry);
  }

  /** Counts what each alert destination sent, gave up on and dropped, read when scraped. */
  public void alertSinks(List<AlertSinkStats> sinks) {
    for (AlertSinkStats sink : sinks) {
      sinkCounter("sent", "Alert payloads the destination accepted.", sink, AlertSinkStats::sent);
      sinkCounter(
          "failed",
          "Alert payloads given up on after the last attempt.",
          sink,
          AlertSinkStats::failed);
      sinkCounter(
          "dropped",
          "Alert payloads dropped unsent from a full queue.",
          sink,
          AlertSinkStats::dropped);
    }
  }

  private void sinkCounter(
      String what, String help, AlertSinkStats sink, ToDoubleFunction<AlertSinkStats> count) {
    FunctionCounter.builder("stallwatch.alerts." + what, sink, count)
        .description(help)
        .tag("sink", sink.kind())
        .tag("target", sink.target())
        .register(registry);
  }

  /** {@code GET /metrics}. */
  void scrape(Context ctx) {
    ctx.contentType(CONTENT_TYPE).result(registry.scrape());
  }

  private static double openIn(IncidentIndex index) {
    return index.search(SearchRequest.of("status:open", 1)).total();
  }

  private void analyzerGauge(
      StackStatus stack, String name, String help, ToDoubleFunction<AnalyzerHealth> value) {
    gauge(
        "stallwatch.analyzer." + name,
        help,
        () -> stack.analyzer().map(a -> (Number) value.applyAsDouble(a)).orElse(Double.NaN));
  }

  private void gauge(String name, String help, java.util.function.Supplier<Number> value) {
    Gauge.builder(name, value).description(help).strongReference(true).register(registry);
  }
}
