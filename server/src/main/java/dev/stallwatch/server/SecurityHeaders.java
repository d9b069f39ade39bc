package dev.stallwatch.server;

import io.javalin.http.Context;
import io.javalin.http.Header;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Headers on every response. Incidents carry text from logs, which anyone able to write a log line
 * controls: the page renders it as text only, and these headers make sure that nothing else runs
 * even if that ever slips (no inline script or style, no framing, no MIME sniffing).
 */
final class SecurityHeaders {

  static final String CONTENT_SECURITY_POLICY =
      String.join(
          "; ",
          "default-src 'none'",
          "script-src 'self'",
          "style-src 'self'",
          "connect-src 'self'",
          "img-src 'self'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'");

  private static final Map<String, String> ALWAYS =
      Map.of(
          Header.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY,
          Header.X_CONTENT_TYPE_OPTIONS, "nosniff",
          Header.X_FRAME_OPTIONS, "DENY",
          Header.REFERRER_POLICY, "no-referrer");

  private SecurityHeaders() {}

  static void add(Context ctx) {
    addTo(ctx::header);
    if (ctx.path().startsWith("/api/")) {
      // Incidents change every few seconds; a cached list would hide new ones.
      ctx.header(Header.CACHE_CONTROL, "no-store");
    }
  }

  /** Sets the headers every response carries, through {@code setHeader(name, value)}. */
  static void addTo(BiConsumer<String, String> setHeader) {
    ALWAYS.forEach(setHeader);
  }
}
