package dev.stallwatch.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stallwatch.server.ApiErrors.ApiError;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before a request reaches Javalin: a request line or headers too
 * large to read (414, 431), or a path or request line it cannot read (400: {@code /%ff}, {@code
 * /../x}). Jetty's own page is HTML without the security headers; this answers them like every
 * other error of the API, as JSON with one sentence and the headers.
 */
final class JettyErrors extends ErrorHandler {

  /** Longest request line, and all headers together, that the server reads (Jetty's default). */
  static final int MAX_HEADER_BYTES = 8192;

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    SecurityHeaders.addTo(response.getHeaders()::put);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (!HttpStatus.hasNoBody(status)) {
      byte[] body = body(sentence(status));
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
    } else {
      response.write(true, null, callback);
    }
    return true;
  }

  static String sentence(int status) {
    return switch (status) {
      case HttpStatus.URI_TOO_LONG_414 ->
          "The address is too long; keep the path and query under %d bytes."
              .formatted(MAX_HEADER_BYTES);
      case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 ->
          "The request headers are too large; keep them under %d bytes in all."
              .formatted(MAX_HEADER_BYTES);
      case HttpStatus.BAD_REQUEST_400 ->
          "The request could not be read: its path must be valid UTF-8 and stay under the root,"
              + " and its request line and headers valid HTTP.";
      case HttpStatus.NOT_FOUND_404 -> "There is nothing at this address.";
      default -> "The server could not answer this request (HTTP %d).".formatted(status);
    };
  }

  private static byte[] body(String sentence) {
    try {
      return ApiJson.mapper().writeValueAsBytes(new ApiError(sentence));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a one-field record cannot fail to serialize", e);
    }
  }
}
