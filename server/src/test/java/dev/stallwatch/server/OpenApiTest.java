package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json}, {@code docs/api.md} and the routes the server declares name the same
 * routes: a route added to one and not the others fails here.
 */
class OpenApiTest {

  /** A row of the routes table in docs/api.md: {@code | `GET /api/kb?q=TEXT` | ... |}. */
  private static final Pattern DOCS_ROUTE =
      Pattern.compile(
          "^\\| `(GET|POST|PUT|PATCH|DELETE) (/[^`?\\s]*)[^`]*` \\|", Pattern.MULTILINE);

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @Test
  void shouldDescribeTheRoutesDocsApiMdLists() throws Exception {
    try (RunningDashboard dashboard = new RunningDashboard()) {
      JsonNode document = Json.mapper().readTree(dashboard.get("/openapi.json").body());

      assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
      assertThat(routesOf(document)).isEqualTo(routesInDocs());
    }
  }

  @Test
  void shouldDescribeEveryRouteTheServerAnswers() throws Exception {
    try (RunningDashboard dashboard = new RunningDashboard()) {
      JsonNode document = Json.mapper().readTree(dashboard.get("/openapi.json").body());

      assertThat(routesOf(document)).containsAll(dashboard.server().routes());
    }
  }

  private static Set<String> routesOf(JsonNode openApi) {
    Set<String> routes = new TreeSet<>();
    openApi
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));
    return routes;
  }

  private static Set<String> routesInDocs() throws Exception {
    Path docs = Path.of("..", "docs", "api.md");
    Matcher matcher = DOCS_ROUTE.matcher(Files.readString(docs));
    Set<String> routes = new TreeSet<>();
    while (matcher.find()) {
      routes.add(matcher.group(1) + " " + matcher.group(2));
    }
    assertThat(routes).as("routes listed in %s", docs).isNotEmpty();
    return routes;
  }
}
