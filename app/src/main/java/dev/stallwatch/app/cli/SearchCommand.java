package dev.stallwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.stallwatch.model.HostNames;
import dev.stallwatch.model.Json;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.KnowledgeHit;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stallwatch search}: known issues and incidents for what you saw. The knowledge base is
 * searched right here (it ships in the jar); incidents live in a server's index, so they are asked
 * of a running server, and when none answers the command says so and still prints the known issues.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Searches the known issues and the team's incidents for what you saw: words, a pasted"
          + " terminal or log line, an error code, versions. Known issues are searched offline;"
          + " incidents come from a running stallwatch server (see --server).",
      "Incident filters go in the text: host:NAME rule:ID status:open|resolved since:24h.",
      "Example: stallwatch search \"sudo apt update hangs\" --server http://127.0.0.1:8080"
    })
final class SearchCommand implements Callable<Integer> {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Spec CommandSpec spec;
  @Mixin KnowledgeSource source;

  @Parameters(paramLabel = "TEXT", description = "What you saw.")
  String text;

  @Option(
      names = "--server",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080",
      converter = ServerUrl.class,
      description = "The stallwatch server to ask for incidents (default: ${DEFAULT-VALUE}).")
  URI server;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "5",
      description = "How many known issues and incidents to show, 1 to 100 (default: 5).")
  int limit;

  @Option(
      names = "--json",
      description =
          "Print {\"knownIssues\": [...], \"incidents\": {...} or null, \"server\": ...}.")
  boolean json;

  /** What the server said: its search result, or why there is none. */
  private record Remote(JsonNode result, String problem, boolean badQuery) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (limit < 1 || limit > 100) {
      throw new ParameterException(
          spec.commandLine(), "--limit must be from 1 to 100, was " + limit);
    }
    List<KnowledgeHit> known;
    try (IncidentIndex index = IncidentIndex.inMemory(source.load())) {
      known = index.searchKnowledge(knowledgeText(), limit);
    }
    Remote remote = ask();
    if (remote.badQuery()) {
      return CommandErrors.fail(err, remote.problem());
    }
    print(out, err, known, remote);
    return 0;
  }

  /** The knowledge base has no hosts or rules: incident filters are left out of its query. */
  private String knowledgeText() {
    String stripped =
        text.replaceAll("(?i)(?<![^\\s(])(host|rule|status|since):[^\\s\"()]+", " ").strip();
    return stripped.isEmpty() ? text : stripped;
  }

  private void print(PrintWriter out, PrintWriter err, List<KnowledgeHit> known, Remote remote) {
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("knownIssues", known);
      // NullNode rather than null: the shared mapper leaves nulls out, and scripts look for it.
      body.put("incidents", remote.result() == null ? NullNode.getInstance() : remote.result());
      body.put("server", remote.problem() == null ? server.toString() : remote.problem());
      out.println(KnowledgeOutput.json(body));
      return;
    }
    out.println("Known issues:");
    KnowledgeOutput.hits(out, known);
    out.println();
    if (remote.result() == null) {
      err.println("stallwatch: " + remote.problem());
      err.flush();
      return;
    }
    JsonNode hits = remote.result().path("hits");
    out.printf("Incidents (%d match at %s):%n", remote.result().path("total").asLong(), server);
    if (hits.isEmpty()) {
      out.println("No incident matches.");
    }
    int n = 0;
    for (JsonNode hit : hits) {
      JsonNode incident = hit.path("incident");
      out.printf(
          "%2d. %s  %s  %s  [%s]%n",
          ++n,
          incident.path("openedAt").asText(),
          host(incident),
          incident.path("title").asText(),
          incident.path("status").asText().toLowerCase(Locale.ROOT));
      for (JsonNode issue : hit.path("issues")) {
        for (JsonNode note : issue.path("versionNotes")) {
          out.println("    " + issue.path("id").asText() + ": " + note.path("message").asText());
        }
      }
    }
  }

  /** The host id and, when the server sent a valid one, the host's display name. */
  private static String host(JsonNode incident) {
    String name = incident.path("context").path("hostName").asText(null);
    return IncidentPrinter.host(
        incident.path("host").asText(), HostNames.isValid(name) ? name : null);
  }

  private Remote ask() throws InterruptedException {
    String query = URLEncoder.encode(text, StandardCharsets.UTF_8);
    URI uri = server.resolve("/api/search?facets=false&limit=" + limit + "&q=" + query);
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(TIMEOUT)
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = Json.mapper().readTree(response.body());
      if (response.statusCode() == 400) {
        return new Remote(null, body.path("error").asText("the server refused the query"), true);
      }
      if (response.statusCode() != 200 || !body.path("hits").isArray()) {
        return new Remote(null, unreachable("answered HTTP " + response.statusCode()), false);
      }
      return new Remote(body, null, false);
    } catch (ConnectException | HttpTimeoutException e) {
      return new Remote(null, unreachable("does not answer"), false);
    } catch (IOException e) {
      return new Remote(null, unreachable("failed: " + e.getMessage()), false);
    }
  }

  private String unreachable(String what) {
    return "no incidents: the stallwatch server at %s %s; start one with 'stallwatch up' or pass"
            .formatted(server, what)
        + " --server URL. The known issues above were searched offline.";
  }
}
