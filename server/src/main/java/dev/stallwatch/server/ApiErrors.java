package dev.stallwatch.server;

import dev.stallwatch.search.QueryException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a JSON error with one sentence: bad input is the caller's to fix, so it
 * says what to fix; anything else is logged here and answered without details. What Jetty refuses
 * before Javalin sees it is answered the same way by {@link JettyErrors}.
 */
final class ApiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  /** The body of every error response. */
  record ApiError(String error) {}

  private ApiErrors() {}

  static void register(RoutesConfig routes) {
    routes.exception(QueryException.class, (e, ctx) -> respond(ctx, 400, e.getMessage()));
    routes.exception(
        EndpointNotFound.class,
        (e, ctx) ->
            respond(ctx, 404, "There is nothing at %s %s.".formatted(ctx.method(), ctx.path())));
    routes.exception(MethodNotAllowedResponse.class, ApiErrors::methodNotAllowed);
    // Javalin's own responses (400, 404, 413...) carry a message meant for the caller.
    routes.exception(
        HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), e.getMessage()));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          respond(ctx, 500, "The server failed to answer; its log has the details.");
        });
  }

  /** A path that exists, asked with a method it does not take: 405 with the methods it does. */
  private static void methodNotAllowed(MethodNotAllowedResponse e, Context ctx) {
    // Javalin lists the methods as the one value of its details, e.g. "GET, HEAD".
    String allowed = e.getDetails().values().stream().findFirst().orElse("GET");
    ctx.header(Header.ALLOW, allowed);
    respond(
        ctx, 405, "%s %s is not answered; use %s.".formatted(ctx.method(), ctx.path(), allowed));
  }

  private static void respond(Context ctx, int status, String message) {
    ctx.status(status).json(new ApiError(message));
  }
}
