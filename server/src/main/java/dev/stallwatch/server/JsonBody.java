package dev.stallwatch.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Set;

/**
 * The JSON object a state-changing request sends, read with one sentence for each way it can be
 * wrong: too big, not JSON, not an object, a key the route does not take, a value of the wrong
 * type.
 */
final class JsonBody {

  /** The largest body taken; a silence or a note is far smaller. */
  static final int MAX_BYTES = 16 * 1024;

  private final ObjectNode object;

  private JsonBody(ObjectNode object) {
    this.object = object;
  }

  /** The request's body; an empty body is an empty object. */
  static JsonBody of(Context ctx, Set<String> keys) {
    requireJsonContentType(ctx);
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length > MAX_BYTES) {
      throw new BadRequestResponse(
          "The body is larger than %d KB; send a smaller JSON object.".formatted(MAX_BYTES / 1024));
    }
    if (bytes.length == 0) {
      return new JsonBody(ApiJson.mapper().createObjectNode());
    }
    JsonNode node;
    try {
      node = ApiJson.mapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new BadRequestResponse(
          "The body is not valid JSON (%s).".formatted(e.getOriginalMessage()));
    } catch (java.io.IOException e) {
      throw new BadRequestResponse("The body could not be read.");
    }
    if (!(node instanceof ObjectNode obj)) {
      throw new BadRequestResponse("The body must be a JSON object, e.g. {\"comment\": \"...\"}.");
    }
    for (Iterator<String> names = obj.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!keys.contains(name)) {
        throw new BadRequestResponse(
            "The body has an unknown key '%s'; it takes %s."
                .formatted(name, String.join(", ", keys.stream().sorted().toList())));
      }
    }
    return new JsonBody(obj);
  }

  /**
   * A page on another site can make a browser post a form or plain text here, but not JSON without
   * asking first (a CORS preflight, which this server never grants). Requiring JSON keeps such a
   * page from acknowledging or silencing through a colleague's loopback server.
   */
  private static void requireJsonContentType(Context ctx) {
    if (!ctx.method().name().equals("POST") && ctx.contentLength() <= 0) {
      return; // other methods need a preflight across sites anyway; an empty DELETE is fine
    }
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new io.javalin.http.HttpResponseException(
          415, "Send the body as JSON, with 'Content-Type: application/json'.");
    }
  }

  /** A string value, or null when absent or JSON null. */
  String text(String key) {
    JsonNode value = object.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new BadRequestResponse("The key '%s' must be a string.".formatted(key));
    }
    return value.asText();
  }

  /** An object value, or null when absent. */
  JsonNode node(String key) {
    JsonNode value = object.get(key);
    return value == null || value.isNull() ? null : value;
  }
}
