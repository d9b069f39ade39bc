package dev.stallwatch.server;

import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.server.fleet.FleetView;
import dev.stallwatch.server.stream.EventStream;
import dev.stallwatch.server.stream.StreamRoute;
import dev.stallwatch.server.stream.StreamSettings;
import dev.stallwatch.server.team.TeamListener;
import dev.stallwatch.server.team.TeamLog;
import dev.stallwatch.server.team.TeamState;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API and the dashboard over an {@link IncidentIndex}.
 *
 * <p>Its routes are listed, one line each, in docs/api.md and described in {@code /openapi.json}
 * (OpenApiTest keeps the two equal to what it answers). They are declared in {@link #configure}:
 * the incidents, search and knowledge base here, the team's state in {@link TeamRoutes} and the
 * fleet in {@link FleetRoutes}; {@code GET /} serves the page from {@code /web} on the classpath.
 *
 * <p>Every request passes the {@link AccessPolicy} of its {@link ServerSecurity} first: on a
 * loopback-only server with no credentials that lets everything through; otherwise a request
 * lacking them is a 401.
 *
 * <p>Every error is JSON, {@code {"error":"one sentence"}}, with a 4xx or 5xx status and the {@link
 * SecurityHeaders}, those Jetty answers itself included ({@link JettyErrors}).
 */
public final class DashboardServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

  private final IncidentIndex index;
  private final StackStatus stack;
  private final ServerSecurity security;
  private final ServerMetrics metrics;
  private final TeamState team;
  private final TeamLog teamLog;
  private final FleetView fleet;
  private final Clock clock = Clock.systemUTC();
  private final EventStream stream;
  private Javalin app;
  // Read by the request logger on Jetty's threads; set once the server started.
  private volatile InternalRouter router;

  /** A server, not yet started, over {@code index}, which stays the caller's to close. */
  public DashboardServer(IncidentIndex index) {
    this(index, StackStatus.NONE);
  }

  /** A server that also reports on the parts it runs beside. */
  public DashboardServer(IncidentIndex index, StackStatus stack) {
    this(index, stack, ServerSecurity.LOOPBACK);
  }

  /**
   * A server that also guards what it serves with {@code security}. With no team state, the
   * lifecycle routes answer from an empty one and refuse changes.
   */
  public DashboardServer(IncidentIndex index, StackStatus stack, ServerSecurity security) {
    this(index, stack, security, StreamSettings.DEFAULTS);
  }

  /** A server whose event stream keeps, paces and lets clients fall behind as {@code settings}. */
  DashboardServer(
      IncidentIndex index, StackStatus stack, ServerSecurity security, StreamSettings settings) {
    this(
        index,
        stack,
        security,
        new TeamState(Clock.systemUTC()),
        TeamLog.NONE,
        new FleetView(),
        settings);
  }

  /**
   * A server over the team's state too: alerts, silences, acknowledgements, the audit trail.
   *
   * @param team read by the routes, fed by a {@code TeamFeed}
   * @param teamLog where the routes record changes
   */
  public DashboardServer(
      IncidentIndex index,
      StackStatus stack,
      ServerSecurity security,
      TeamState team,
      TeamLog teamLog) {
    this(index, stack, security, team, teamLog, new FleetView(), StreamSettings.DEFAULTS);
  }

  /**
   * A server over the fleet as well: hosts, cohorts, mitigations and each host's recent history.
   *
   * @param fleet read by the fleet routes, fed by a {@code FleetFeed}
   */
  public DashboardServer(
      IncidentIndex index,
      StackStatus stack,
      ServerSecurity security,
      TeamState team,
      TeamLog teamLog,
      FleetView fleet) {
    this(index, stack, security, team, teamLog, fleet, StreamSettings.DEFAULTS);
  }

  private DashboardServer(
      IncidentIndex index,
      StackStatus stack,
      ServerSecurity security,
      TeamState team,
      TeamLog teamLog,
      FleetView fleet,
      StreamSettings settings) {
    this.index = Objects.requireNonNull(index, "index");
    this.stack = Objects.requireNonNull(stack, "stack");
    this.security = Objects.requireNonNull(security, "security");
    this.team = Objects.requireNonNull(team, "team");
    this.teamLog = Objects.requireNonNull(teamLog, "teamLog");
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.metrics = new ServerMetrics(index, stack);
    metrics.fleet(fleet);
    // Ids of a later run start above those of this one, so a reconnect across a restart resyncs.
    long firstId = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    this.stream =
        new EventStream(
            ApiJson.mapper(),
            settings,
            firstId,
            metrics::sseClientOpened,
            metrics::sseClientClosed);
  }

  /**
   * The server's metrics, scraped by {@code /metrics}: other parts (alert sinks) register their
   * counters in {@link ServerMetrics#registry()}, and the event stream counts its clients.
   */
  public ServerMetrics metrics() {
    return metrics;
  }

  /**
   * Where incident, alert, host, silence and action changes are published for {@code /api/stream}'s
   * clients; usable before {@link #start}.
   */
  public EventStream stream() {
    return stream;
  }

  /**
   * What a {@code TeamFeed} tells this server's event stream: every change read after the feed's
   * start, in the shapes the API answers.
   */
  public TeamListener streamListener() {
    return new StreamPublisher(stream, team);
  }

  /** Who may ask what; the routes that change state use it to name their author. */
  public AccessPolicy access() {
    return security.access();
  }

  /**
   * Starts serving.
   *
   * @param host the address to listen on, e.g. {@code 127.0.0.1}
   * @param port the port, or 0 for any free port (see {@link #port()})
   */
  public synchronized void start(String host, int port) {
    if (app != null) {
      throw new IllegalStateException("the dashboard server was already started");
    }
    security.checkBindable(host);
    Javalin created =
        Javalin.create(
            config -> {
              configure(config);
              security.tls().ifPresent(tls -> TlsConnector.add(config, tls, host, port));
            });
    created.start(host, port);
    app = created;
    router = created.unsafe.internalRouter;
    LOG.info(
        "dashboard listening on {}://{}:{}/ ({})",
        security.scheme(),
        host,
        created.port(),
        security.access().requiresCredentials() ? "credentials required" : "no credentials");
  }

  /** Every route Javalin answers, as {@code METHOD /path/{param}}, for the API's description. */
  synchronized List<String> routes() {
    if (app == null) {
      throw new IllegalStateException("the dashboard server is not started");
    }
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
        .toList();
  }

  /** The port the server listens on. */
  public synchronized int port() {
    if (app == null) {
      throw new IllegalStateException("the dashboard server is not started");
    }
    return app.port();
  }

  @Override
  public synchronized void close() {
    // First, so each stream ends with its client's response instead of with a dropped connection.
    stream.close();
    if (app != null) {
      app.stop();
    }
  }

  /**
   * The path template of the route a request was for, also when it was refused before reaching it
   * (a 401), so {@code /metrics} counts it there; null when no route has its path.
   */
  private String routeTemplate(Context ctx) {
    Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    if (matched != null) {
      return matched.path;
    }
    InternalRouter routes = router;
    if (routes == null) {
      return null;
    }
    return routes.findHttpHandlerEntries(ctx.method(), ctx.path()).stream()
        .map(parsed -> parsed.endpoint.path)
        .findFirst()
        .orElse(null);
  }

  private void configure(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.prefer405over404 = true;
    config.jetty.modifyHttpConfiguration(
        http -> http.setRequestHeaderSize(JettyErrors.MAX_HEADER_BYTES));
    config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
    config.jsonMapper(new JavalinJackson(ApiJson.mapper(), false));
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = "/web";
          files.location = Location.CLASSPATH;
        });
    config.requestLogger.http(
        (ctx, millis) -> {
          metrics.recordRequest(ctx, millis, routeTemplate(ctx));
          LOG.debug("{} {} {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), millis);
        });

    IncidentApi api = new IncidentApi(index);
    KnowledgeApi kb = new KnowledgeApi(index);
    config.routes.before(SecurityHeaders::add);
    config.routes.before(security.access()::requireAuthorized);
    config.routes.before("/api/*", QueryStrings::check);
    config.routes.get("/api/incidents", api::recent);
    config.routes.get("/api/incidents/{id}", api::incident);
    config.routes.get("/api/incidents/{id}/similar", api::similar);
    config.routes.get("/api/incidents/{id}/issues", api::issues);
    config.routes.get("/api/search", api::search);
    config.routes.get("/api/stream", new StreamRoute(stream));
    config.routes.get("/api/kb", kb::list);
    config.routes.get("/api/kb/{owner}/{repo}/{number}", kb::entry);
    TeamRoutes.register(config.routes, team, teamLog, index, security.access(), clock);
    FleetRoutes.register(config.routes, fleet, index, RuleBook.shipped(), clock);
    config.routes.get("/healthz", new HealthApi(index, stack)::health);
    config.routes.get("/metrics", metrics::scrape);
    config.routes.get("/openapi.json", OpenApi::serve);
    ApiErrors.register(config.routes);
  }
}
