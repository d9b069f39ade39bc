package dev.stallwatch.server.stream;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/stream?types=incident,alert}: the {@link EventStream} as server-sent events. The
 * request must accept {@code text/event-stream} (an {@code EventSource} does); a reconnect sends
 * the last id it saw as {@code Last-Event-ID}, or as {@code ?lastEventId=} where it cannot set
 * headers.
 */
public final class StreamRoute implements Handler {

  static final String EVENT_STREAM = "text/event-stream";

  private final EventStream stream;

  /** The route over {@code stream}. */
  public StreamRoute(EventStream stream) {
    this.stream = Objects.requireNonNull(stream, "stream");
  }

  @Override
  public void handle(Context ctx) {
    String accept = ctx.header(Header.ACCEPT);
    if (accept == null || !accept.toLowerCase(Locale.ROOT).contains(EVENT_STREAM)) {
      throw new HttpResponseException(
          HttpStatus.NOT_ACCEPTABLE.getCode(),
          "GET /api/stream sends server-sent events only; ask with 'Accept: text/event-stream'"
              + " (an EventSource does).");
    }
    Set<StreamEventType> types = types(ctx.queryParams("types"));
    OptionalLong lastEventId = lastEventId(ctx);
    HttpServletResponse res = ctx.res();
    res.setStatus(HttpStatus.OK.getCode());
    res.setContentType(EVENT_STREAM + "; charset=utf-8");
    res.setHeader(Header.CACHE_CONTROL, "no-cache");
    // nginx buffers responses unless told not to; a buffered stream would arrive in lumps.
    res.setHeader(Header.X_ACCEL_BUFFERING, "no");
    CompletableFuture<Void> ended = new CompletableFuture<>();
    String client = ctx.req().getRemoteAddr() + ":" + ctx.req().getRemotePort();
    // Javalin calls this once the request is asynchronous, so the writer thread may write at once.
    ctx.future(
        () -> {
          try {
            stream.connect(client, lastEventId, types, writerTo(res), () -> ended.complete(null));
          } catch (IllegalStateException closed) {
            throw new HttpResponseException(
                HttpStatus.SERVICE_UNAVAILABLE.getCode(),
                "The server is shutting down; reconnect in a few seconds.");
          }
          return ended;
        });
  }

  private static Set<StreamEventType> types(List<String> parts) {
    try {
      return StreamEventType.parseList(parts);
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
  }

  /** The id the client saw last, from {@code Last-Event-ID} or {@code ?lastEventId=}. */
  private static OptionalLong lastEventId(Context ctx) {
    String header = ctx.header("Last-Event-ID");
    String given = header != null && !header.isBlank() ? header : ctx.queryParam("lastEventId");
    if (given == null || given.isBlank()) {
      return OptionalLong.empty();
    }
    try {
      long id = Long.parseLong(given.strip());
      if (id >= 0) {
        return OptionalLong.of(id);
      }
    } catch (NumberFormatException notANumber) {
      // Answered below, like a negative id.
    }
    throw new BadRequestResponse(
        "Last-Event-ID must be the id of an event this stream sent, a number such as 42; leave it"
            + " out to start from now.");
  }

  private static StreamClient.FrameWriter writerTo(HttpServletResponse res) {
    return frames -> {
      ServletOutputStream out = res.getOutputStream();
      out.write(frames.getBytes(StandardCharsets.UTF_8));
      out.flush();
    };
  }
}
