package dev.stallwatch.server;

import dev.stallwatch.server.stream.EventStream;
import dev.stallwatch.server.stream.StreamEventType;
import dev.stallwatch.server.stream.StreamRoute;
import dev.stallwatch.server.stream.StreamSettings;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The page, as the browser tests of the views see it, in front of a real {@link DashboardServer}:
 * it serves the dashboard's files with the real security headers, answers the fleet routes that the
 * server does not have yet from {@link FleetFixtures}, serves its own event stream (which a test
 * can drop, as a server restart would) and passes every other request on to the server.
 */
final class FleetFront implements AutoCloseable {

  private static final List<String> PASSED_HEADERS =
      List.of("Accept", "Content-Type", "Authorization");
  private static final Map<String, Duration> WINDOWS =
      Map.of(
          "15m", Duration.ofMinutes(15),
          "1h", Duration.ofHours(1),
          "6h", Duration.ofHours(6),
          "24h", Duration.ofHours(24));

  private final URI backend;
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<EventStream> stream = new AtomicReference<>(newStream());
  private final Javalin app;

  /** Starts on a free port of 127.0.0.1, in front of the server listening on {@code backend}. */
  FleetFront(URI backend) {
    this.backend = backend;
    app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(ApiJson.mapper(), false));
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = "/web";
                    files.location = Location.CLASSPATH;
                  });
              config.routes.before(SecurityHeaders::add);
              config.routes.get("/api/overview", ctx -> ctx.json(FleetFixtures.overview(now())));
              config.routes.get("/api/hosts", FleetFront::hosts);
              config.routes.get("/api/hosts/{id}", FleetFront::host);
              config.routes.get("/api/cohorts", ctx -> ctx.json(FleetFixtures.cohorts()));
              config.routes.get("/api/me", FleetFront::me);
              config.routes.get("/api/stream", ctx -> new StreamRoute(stream.get()).handle(ctx));
              config.routes.get("/api/*", this::forward);
              config.routes.post("/api/*", this::forward);
              config.routes.delete("/api/*", this::forward);
              config.routes.get("/healthz", this::forward);
            });
    app.start("127.0.0.1", 0);
  }

  String url() {
    return "http://127.0.0.1:" + app.port() + "/";
  }

  /** Sends every client of the stream {@code type} with {@code payload}, as the team feed does. */
  void publish(StreamEventType type, Object payload) {
    stream.get().publish(type, payload);
  }

  /**
   * Ends every client's stream and starts a new one with ids from a later run, as a server restart
   * does: clients reconnect and, their last id being unknown, are told to resync.
   */
  void dropStream() {
    stream.getAndSet(newStream()).close();
  }

  private static EventStream newStream() {
    long firstId = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    return new EventStream(ApiJson.mapper(), StreamSettings.DEFAULTS, firstId, () -> {}, () -> {});
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  private static void hosts(Context ctx) {
    ctx.json(
        FleetFixtures.hosts(
            now(),
            ctx.queryParam("state"),
            "true".equals(ctx.queryParam("atRisk")),
            ctx.queryParam("q"),
            ctx.queryParam("sort")));
  }

  private static void host(Context ctx) {
    String window = ctx.queryParamAsClass("window", String.class).getOrDefault("24h");
    if (!WINDOWS.containsKey(window)) {
      ctx.status(400)
          .json(Map.of("error", "The window must be 15m, 1h, 6h or 24h, e.g. window=6h."));
      return;
    }
    String id = ctx.pathParam("id");
    FleetFixtures.host(now(), id, WINDOWS.get(window))
        .ifPresentOrElse(
            ctx::json,
            () -> ctx.status(404).json(Map.of("error", "No host has the id '" + id + "'.")));
  }

  private static void me(Context ctx) {
    String id = ctx.queryParam("host");
    if (id == null || id.isBlank()) {
      ctx.status(400).json(Map.of("error", "Give the host id, e.g. /api/me?host=dev-anna."));
      return;
    }
    FleetFixtures.me(now(), id)
        .ifPresentOrElse(
            ctx::json,
            () -> ctx.status(404).json(Map.of("error", "No host has the id '" + id + "'.")));
  }

  /** Passes the request on to the server and its answer back, status, type and paging link too. */
  private void forward(Context ctx) throws Exception {
    String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
    byte[] body = ctx.bodyAsBytes();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(backend.resolve(ctx.path() + query))
            .method(
                ctx.method().name(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String name : PASSED_HEADERS) {
      String value = ctx.header(name);
      if (value != null) {
        request.header(name, value);
      }
    }
    HttpResponse<byte[]> answer =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    ctx.status(answer.statusCode());
    answer.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
    answer.headers().firstValue("Link").ifPresent(link -> ctx.header("Link", link));
    ctx.result(answer.body());
  }

  @Override
  public void close() {
    stream.get().close();
    app.stop();
    http.close();
  }
}
