package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Json;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stallwatch kb ...}: the knowledge base from the command line, offline. */
class KnowledgeCommandsTest {

  private static final String ISSUE_JSON =
      """
      {"html_url": "https://github.com/acme/devbox/issues/42", "number": 42,
       "title": "Terminal hangs after lunch on every laptop",
       "state": "open", "created_at": "2026-03-02T08:00:00Z",
       "body": "After an hour idle the shell freezes.\\n\\n```\\nWsl/Service/E_UNEXPECTED\\n```"}
      """;

  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return InProcessCli.run(out, err, args);
  }

  @Test
  void listsEveryShippedIssue() {
    int exit = run("kb", "list", "--data-dir", dataDir.toString());

    assertThat(exit).isZero();
    assertThat(out.toString().lines()).hasSizeGreaterThanOrEqualTo(24);
    assertThat(out.toString()).contains("microsoft/WSL#11066", "docker/for-win#14656");
  }

  @Test
  void showsAnIssueWithItsCauseVersionsAndWhatHelps() {
    int exit = run("kb", "show", "docker/for-win#14656", "--data-dir", dataDir.toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains(
            "Symptoms:",
            "Cause (confirmed):",
            "fixed in 4.42.1 by disabling Resource Saver under WSL 2",
            "What helps:");
  }

  @Test
  void refusesAnUnknownIdInOneLineWithExitCode2() {
    int exit = run("kb", "show", "acme/nothing#1", "--data-dir", dataDir.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("acme/nothing#1");
  }

  @Test
  void searchPrintsJsonBestFirstWithIdTitleUrlAndScore() throws Exception {
    int exit =
        run(
            "kb",
            "search",
            "Wsl/Service/E_UNEXPECTED",
            "--json",
            "--limit",
            "3",
            "--data-dir",
            dataDir.toString());

    assertThat(exit).isZero();
    JsonNode hits = Json.mapper().readTree(out.toString());
    assertThat(hits.isArray()).isTrue();
    assertThat(hits.size()).isBetween(1, 3);
    JsonNode first = hits.get(0);
    assertThat(first.path("id").asText()).isEqualTo("docker/for-win#14827");
    assertThat(first.path("url").asText()).startsWith("https://github.com/docker/for-win/");
    assertThat(first.path("title").asText()).isNotBlank();
    assertThat(first.path("score").asDouble()).isPositive();
  }

  @Test
  void searchSaysWhenAVersionNamedIsOlderThanTheFix() {
    int exit = run("kb", "search", "docker 4.42 wsl freeze", "--data-dir", dataDir.toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains(
            "Fixed in Docker Desktop 4.42.1 by disabling Resource Saver under WSL 2; you named"
                + " 4.42, which is older: affected");
  }

  @Test
  void aQueryItCannotReadIsOneSentenceAndExitCode2() {
    int exit = run("kb", "search", "apt AND (", "--data-dir", dataDir.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("stallwatch: The query ends too early")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void importsAGitHubIssueThatSearchThenFinds() throws Exception {
    Path file = Files.writeString(dataDir.resolve("issue.json"), ISSUE_JSON);

    int exit = run("kb", "import", file.toString(), "--data-dir", dataDir.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("imported 1 issue", "acme/devbox#42");
    out.getBuffer().setLength(0);
    run("kb", "search", "hangs after lunch", "--limit", "1", "--data-dir", dataDir.toString());
    assertThat(out.toString())
        .contains("acme/devbox#42", "Terminal hangs after lunch", "unreviewed");
    out.getBuffer().setLength(0);
    run("kb", "show", "acme/devbox#42", "--data-dir", dataDir.toString());
    assertThat(out.toString()).contains("imported, unreviewed");
    out.getBuffer().setLength(0);
    run("kb", "list", "--data-dir", dataDir.toString());
    assertThat(out.toString().lines().filter(line -> line.contains("(unreviewed)")))
        .singleElement()
        .asString()
        .startsWith("acme/devbox#42");
  }

  @Test
  void brokenJsonIsRefusedWhereItBreaksAndLosesNothingImportedBefore() throws Exception {
    Path good = Files.writeString(dataDir.resolve("good.json"), ISSUE_JSON);
    run("kb", "import", good.toString(), "--data-dir", dataDir.toString());
    Path imported = dataDir.resolve("kb").resolve("imported-issues.yaml");
    String before = Files.readString(imported);
    Path broken = Files.writeString(dataDir.resolve("broken.json"), "[{\"title\": \"x\",}");

    int exit = run("kb", "import", broken.toString(), "--data-dir", dataDir.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("broken.json", "not valid JSON", "line 1");
    assertThat(Files.readString(imported)).isEqualTo(before);
  }

  @Test
  void anIssueWithoutATitleIsRefusedNamingTheIssueAndTheField() throws Exception {
    Path file =
        Files.writeString(
            dataDir.resolve("untitled.json"),
            "[{\"html_url\": \"https://github.com/acme/devbox/issues/7\", \"number\": 7}]");

    int exit = run("kb", "import", file.toString(), "--data-dir", dataDir.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("untitled.json: issue 1 (#7): title: is required");
    assertThat(dataDir.resolve("kb").resolve("imported-issues.yaml")).doesNotExist();
  }

  @Test
  void evalPrintsRecallAndMeanReciprocalRank() {
    int exit = run("kb", "eval", "--data-dir", dataDir.toString());

    assertThat(exit).isZero();
    assertThat(out.toString()).containsPattern("recall@1 0\\.\\d{3}  recall@3 0\\.9\\d{2}  MRR");
  }

  @Test
  void helpExplainsEverySubcommand() {
    int exit = run("kb", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("list", "show", "search", "import", "eval");
  }
}
