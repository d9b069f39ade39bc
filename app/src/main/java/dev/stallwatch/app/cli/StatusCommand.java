package dev.stallwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.collector.HostIds;
import dev.stallwatch.model.Json;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stallwatch status}: this machine as the team's dashboard sees it, and what to change. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows this machine as the team's stallwatch server sees it: whether it is fine, in"
          + " Resource Saver, hanging or silent, its open incidents with the cause and the steps"
          + " that fix it, and the link to its page on the dashboard.",
      "This machine is found by the id its collector sends (from /etc/machine-id); --host asks"
          + " for another one.",
      "Exit code: 0 when the server answered, 1 when it could not be asked, 2 for a usage error.",
      "Example: stallwatch status --server http://stallwatch.example:8080"
    })
final class StatusCommand implements Callable<Integer> {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final int UNREACHABLE = 1;

  @Spec CommandSpec spec;

  @Option(
      names = "--server",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080",
      converter = ServerUrl.class,
      description = "The stallwatch server to ask (default: ${DEFAULT-VALUE}).")
  URI server;

  @Option(
      names = "--host",
      paramLabel = "ID",
      description = "The host id to ask about instead of this machine's.")
  String host;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      defaultValue = "/",
      description = "Where this machine's /etc/machine-id is found (default: ${DEFAULT-VALUE}).")
  Path root;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "File whose first line is the server's bearer token, when it wants one; else the"
              + " environment variable "
              + ServingOptions.TOKEN_VARIABLE
              + " is used if set.")
  Path tokenFile;

  @Option(names = "--json", description = "Print the server's answer (/api/me) as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String id = host != null ? host.strip() : HostIds.stable(root);
    if (id.isEmpty()) {
      return CommandErrors.fail(err, "--host is empty; give a host id");
    }
    HttpResponse<String> answer;
    try {
      answer = ask(id);
    } catch (ConnectException | HttpTimeoutException e) {
      return unreachable(err, "the stallwatch server at %s does not answer".formatted(server));
    } catch (IOException e) {
      return unreachable(
          err, "asking the stallwatch server at %s failed (%s)".formatted(server, e.getMessage()));
    }
    JsonNode body = readJson(answer.body());
    if (answer.statusCode() != 200 || body == null) {
      return unreachable(err, refusal(answer.statusCode(), body, id));
    }
    if (json) {
      out.println(body.toPrettyString());
    } else {
      new StatusPrinter(out, server).print(body);
    }
    out.flush();
    return 0;
  }

  private HttpResponse<String> ask(String id) throws IOException, InterruptedException {
    URI uri = server.resolve("/api/me?host=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json");
    String token = token();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private String token() throws IOException {
    if (tokenFile != null) {
      return Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream()
          .findFirst()
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .orElseThrow(() -> new IOException("the token file " + tokenFile + " is empty"));
    }
    String fromEnvironment = System.getenv(ServingOptions.TOKEN_VARIABLE);
    return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.strip();
  }

  private String refusal(int status, JsonNode body, String id) {
    String said = body == null ? "" : body.path("error").asText("");
    return switch (status) {
      case 404 ->
          ("the server at %s has not heard from host %s: is its collector running? ('stallwatch"
                  + " collect --bootstrap ADDRESS', or 'stallwatch up' on this machine)")
              .formatted(server, id);
      case 401 ->
          "the server at %s wants its token: give --token-file FILE or set %s"
              .formatted(server, ServingOptions.TOKEN_VARIABLE);
      default ->
          "the server at %s answered HTTP %d%s"
              .formatted(server, status, said.isEmpty() ? "" : ": " + said);
    };
  }

  private int unreachable(PrintWriter err, String message) {
    err.println("stallwatch: " + message + "; start one with 'stallwatch up' or pass --server URL");
    err.flush();
    return UNREACHABLE;
  }

  private static JsonNode readJson(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
