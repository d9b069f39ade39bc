package dev.stallwatch.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of every route, kept as a resource so it
 * reads as the document it is; {@code OpenApiTest} keeps it, {@code docs/api.md} and the routes the
 * server declares equal.
 */
final class OpenApi {

  static final String RESOURCE = "/openapi.json";

  private static final byte[] DOCUMENT = load();

  private OpenApi() {}

  static void serve(Context ctx) {
    ctx.contentType("application/json").result(DOCUMENT);
  }

  private static byte[] load() {
    try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the server's jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
