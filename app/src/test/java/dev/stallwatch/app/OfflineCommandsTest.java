package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Json;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stallwatch replay} and {@code stallwatch rules check}, run as the command line runs them.
 */
class OfflineCommandsTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path dir;

  private int run(String... args) {
    return InProcessCli.run(out, err, args);
  }

  @Test
  void shouldPrintTheIncidentsOfRecordedEventsAndNameEachBadLineWithExitCode1() throws Exception {
    Path file = fixture("two-hosts.jsonl");

    int exit = run("replay", file.toString());

    assertThat(exit).as("some lines were skipped, as parse says with 1").isEqualTo(1);
    assertThat(out.toString())
        .contains(
            "dev-anna (anna-laptop)  RESOLVED  critical",
            "Hang while Docker Desktop was in Resource Saver with autoMemoryReclaim=gradual",
            "the hang began 60 s after Docker Desktop entered Resource Saver",
            "INFO: task apt-get:21874 blocked for more than 122 seconds.",
            "dev-bruno  OPEN  warning",
            "[unexplained-hang]",
            "2 incident(s), 1 still open.")
        .containsPattern("microsoft/WSL#11066 +https://github.com/microsoft/WSL/issues/11066");
    assertThat(err.toString())
        .contains(file + ":4: not JSON")
        .contains(file + ":8: hung_task event: ")
        .contains("skipped 2 bad line(s)")
        .doesNotContain("\tat ");
  }

  @Test
  void shouldGiveIncidentsAsJsonInTheShapeDiagnoseWillUse() throws Exception {
    int exit = run("replay", "--json", fixture("two-hosts.jsonl").toString());

    assertThat(exit).as("two of its lines are bad on purpose").isEqualTo(1);
    JsonNode incidents = Json.mapper().readTree(out.toString()).get("incidents");
    assertThat(incidents).hasSize(2);
    JsonNode anna = incidents.get(1);
    assertThat(anna.get("host").asText()).isEqualTo("dev-anna");
    assertThat(anna.get("context").get("hostName").asText()).isEqualTo("anna-laptop");
    assertThat(anna.get("rule").asText()).isEqualTo("resource-saver-gradual");
    assertThat(anna.get("status").asText()).isEqualTo("RESOLVED");
    assertThat(anna.get("confidence").asDouble()).isGreaterThan(0.8);
    assertThat(anna.get("knownIssues").get(0).get("id").asText()).isEqualTo("microsoft/WSL#11066");
    assertThat(anna.get("knownIssues").get(0).get("url").asText())
        .startsWith("https://github.com/");
    assertThat(anna.get("remediation").asText()).contains("dropcache");
    assertThat(anna.get("evidence")).isNotEmpty();
    assertThat(anna.has("onset") && anna.has("resolvedAt")).isTrue();
  }

  @Test
  void shouldRefuseAFileThatDoesNotExistWithExitCode2() {
    int exit = run("replay", dir.resolve("nope.jsonl").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("stallwatch: " + dir.resolve("nope.jsonl") + " does not exist");
  }

  @Test
  void shouldListTheRulesInForceWhenARulesDirectoryIsValid() throws Exception {
    Files.writeString(
        dir.resolve("team.yaml"),
        """
        rules:
          - id: reclaim-eagain
            title: Reclaim failing, our wording
            severity: info
            signals: [reclaim_failed]
            resolve: {quiet: 1h}
            remediation: Ask the platform team.
        """);

    int exit = run("rules", "check", dir.toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .as("the team's rule replaces the shipped one of the same id")
        .contains("valid; " + RuleBook.shipped().rules().size() + " rules in force")
        .containsPattern("reclaim-eagain\\s+info\\s+\\(.*team.yaml\\)")
        .containsPattern("unexplained-hang\\s+warning\\s+\\(shipped\\)");
  }

  @Test
  void shouldNameFileRuleAndKeyOfEveryProblemAndExitWith1() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("bad.yaml"),
            """
            rules:
              - id: slow-disk
                title: Slow disk
                severity: warning
                signals: [io_stall]
                resourceSaver: {state: active, window: 10mins}
                remediation: Check the disk.
                colour: red
            """);

    int exit = run("rules", "check", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains(file + ": rules[0].resourceSaver.window: unknown unit 'mins'")
        .contains("(rule 'slow-disk')")
        .contains(file + ": rules[0].colour: unknown key")
        .contains("2 problem(s)");
  }

  @Test
  void shouldRefuseInvalidRulesForReplayWithExitCode2() throws Exception {
    Path rules = Files.writeString(dir.resolve("bad.yaml"), "rules: {}\n");

    int exit = run("replay", "--rules", rules.toString(), fixture("two-hosts.jsonl").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("stallwatch: invalid rules:", "bad.yaml: rules:");
  }

  @Test
  void shouldExplainAnalyzeAndRequireABootstrapServer() {
    assertThat(run("analyze", "--help")).isZero();
    assertThat(out.toString())
        .contains("--bootstrap", "--instances-state-dir", "--rules", "--grace", "partitions");

    assertThat(run("analyze")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--bootstrap=HOST:PORT'");
  }

  @Test
  void shouldRefuseAGraceThatIsNotADuration() throws Exception {
    int exit = run("replay", "--grace", "5 mins", fixture("two-hosts.jsonl").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("unknown unit 'mins'");
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(OfflineCommandsTest.class.getResource("/replay/" + name).toURI());
  }
}
