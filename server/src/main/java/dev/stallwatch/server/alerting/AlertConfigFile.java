package dev.stallwatch.server.alerting;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code --alert-config FILE}, an object in YAML or JSON (docs/alerts.md shows both). Secrets
 * are never in the file itself: it names a file or an environment variable that holds them.
 */
public final class AlertConfigFile {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper YAML =
      new YAMLMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Set<String> TOP =
      Set.of(
          "alertmanagers",
          "webhooks",
          "resendInterval",
          "resolvedResendFor",
          "dashboardUrl",
          "retry");
  private static final Set<String> DESTINATION =
      Set.of("url", "bearerTokenFile", "bearerTokenEnv", "basicAuth");
  private static final Set<String> BASIC = Set.of("username", "passwordFile", "passwordEnv");

  private final Path file;
  private final Function<String, String> env;

  private AlertConfigFile(Path file, Function<String, String> env) {
    this.file = file;
    this.env = env;
  }

  /**
   * @throws IllegalArgumentException with the file's name and what is wrong in it
   */
  public static AlertSinkConfig read(Path file, Function<String, String> env) {
    return new AlertConfigFile(file, env).read();
  }

  private AlertSinkConfig read() {
    JsonNode root = parse();
    if (root == null || !root.isObject()) {
      throw problem("must hold an object of the keys below, in YAML or JSON");
    }
    onlyKnown(root, TOP, "the top level");
    RetryPolicy retry = RetryPolicy.DEFAULTS;
    if (root.has("retry")) {
      JsonNode r = root.get("retry");
      onlyKnown(r, Set.of("maxAttempts", "queueCapacity"), "retry");
      retry =
          new RetryPolicy(
              r.path("maxAttempts").asInt(retry.maxAttempts()),
              retry.firstBackoff(),
              retry.maxBackoff(),
              r.path("queueCapacity").asInt(retry.queueCapacity()));
    }
    try {
      return new AlertSinkConfig(
          destinations(root.path("alertmanagers"), "alertmanagers"),
          destinations(root.path("webhooks"), "webhooks"),
          duration(root, "resendInterval", AlertSinkConfig.DEFAULT_INTERVAL),
          duration(root, "resolvedResendFor", AlertSinkConfig.DEFAULT_RESOLVED_FOR),
          root.has("dashboardUrl") ? URI.create(root.get("dashboardUrl").asText()) : null,
          retry);
    } catch (IllegalArgumentException e) {
      throw problem(e.getMessage());
    }
  }

  /**
   * The file's tree. YAML is a superset of JSON, but a file that opens with a brace is read as JSON
   * so that JSON's own rules (tabs allowed) and messages apply to it.
   */
  private JsonNode parse() {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw problem("cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    boolean json = text.strip().startsWith("{");
    try {
      return (json ? JSON : YAML).readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line %d, column %d".formatted(at.getLineNr(), at.getColumnNr());
      String what = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
      throw problem("cannot be read as " + (json ? "JSON" : "YAML") + " (" + what + where + ")");
    }
  }

  private List<Endpoint> destinations(JsonNode list, String name) {
    List<Endpoint> out = new ArrayList<>();
    if (list.isMissingNode()) {
      return out;
    }
    if (!list.isArray()) {
      throw problem(name + " must be a list");
    }
    for (JsonNode item : list) {
      onlyKnown(item, DESTINATION, "an entry of " + name);
      String url = item.path("url").asText("");
      Endpoint endpoint =
          name.equals("alertmanagers") ? alertmanagerEndpoint(url) : Endpoint.of(url);
      if (item.has("bearerTokenFile") || item.has("bearerTokenEnv")) {
        endpoint = endpoint.withBearerToken(secret(item, "bearerToken"));
      }
      if (item.has("basicAuth")) {
        JsonNode basic = item.get("basicAuth");
        onlyKnown(basic, BASIC, "basicAuth");
        endpoint =
            endpoint.withBasicAuth(basic.path("username").asText(""), secret(basic, "password"));
      }
      out.add(endpoint);
    }
    return out;
  }

  /** The secret from {@code NAMEFile} (its first line) or {@code NAMEEnv}. */
  private String secret(JsonNode node, String name) {
    if (node.has(name + "File")) {
      Path path = file.resolveSibling(node.get(name + "File").asText());
      try {
        return Files.readString(path).lines().findFirst().orElse("").strip();
      } catch (IOException e) {
        throw problem(
            "cannot read " + name + "File " + path + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    String variable = node.path(name + "Env").asText("");
    String value = env.apply(variable);
    if (value == null || value.isBlank()) {
      throw problem(name + "Env names " + variable + ", which is not set");
    }
    return value.strip();
  }

  private Duration duration(JsonNode root, String key, Duration otherwise) {
    if (!root.has(key)) {
      return otherwise;
    }
    return parseDuration(root.get(key).asText());
  }

  /**
   * An Alertmanager's address: {@code http://am:9093} and {@code http://am:9093/} both mean its
   * {@code /api/v2/alerts}.
   */
  public static Endpoint alertmanagerEndpoint(String url) {
    String trimmed = url.strip();
    if (!trimmed.contains("/api/v2/alerts")) {
      trimmed = trimmed.replaceAll("/+$", "") + "/api/v2/alerts";
    }
    return Endpoint.of(trimmed);
  }

  /** {@code 90s}, {@code 2m}, {@code 500ms}, {@code 1h}. */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("a duration looks like 90s, 2m or 1h, was '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  static String format(Duration d) {
    return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms" : d.toSeconds() + "s";
  }

  private void onlyKnown(JsonNode node, Set<String> known, String where) {
    if (!node.isObject()) {
      throw problem(where + " must be an object");
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!known.contains(field.getKey())) {
        throw problem("unknown key '" + field.getKey() + "' in " + where + "; known: " + known);
      }
    }
  }

  private IllegalArgumentException problem(String what) {
    return new IllegalArgumentException("alert config " + file + ": " + what);
  }
}
