package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.app.diagnose.EvalCases;
import dev.stallwatch.app.diagnose.EvalManifest;
import dev.stallwatch.model.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stallwatch eval diagnose}: the shipped cases load, run and are scored. */
class EvalDiagnoseCommandTest {

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  @TempDir Path dir;

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return InProcessCli.run(out, err, args);
  }

  @Test
  void shouldShipAtLeastThirtyCasesWithEightLookAlikesOrHealthyMachines() throws IOException {
    try (EvalCases cases = EvalCases.shipped()) {
      List<EvalManifest.Case> metas = cases.cases().stream().map(EvalCases.Located::meta).toList();

      assertThat(metas).hasSizeGreaterThanOrEqualTo(30);
      assertThat(metas.stream().filter(EvalManifest.Case::innocent)).hasSizeGreaterThanOrEqualTo(8);
      assertThat(metas.stream().filter(EvalManifest.Case::lookAlike)).isNotEmpty();
      for (EvalCases.Located located : cases.cases()) {
        for (String file : located.meta().files()) {
          assertThat(located.dir().resolve(file)).as(located.meta().id()).isRegularFile();
        }
      }
    }
  }

  @Test
  void shouldShipTheIssuesOwnCaptureAsAProbableGradualCase() throws IOException {
    try (EvalCases cases = EvalCases.shipped()) {
      EvalManifest.Case issue =
          cases.cases().stream()
              .map(EvalCases.Located::meta)
              .filter(c -> c.id().equals("wsl-11066-probable"))
              .findFirst()
              .orElseThrow();

      assertThat(issue.report()).isEqualTo("microsoft/WSL#11066");
      assertThat(issue.rule()).isEqualTo("resource-saver-gradual");
      assertThat(issue.files()).doesNotContain("events.jsonl");
    }
  }

  @Test
  void shouldPrintATableOfEveryCaseAndTheSummary() {
    int exit = run("eval", "diagnose");

    assertThat(exit).as(err.toString()).isIn(0, 1);
    String table = out.toString();
    assertThat(table.lines().findFirst().orElseThrow())
        .contains("case", "report", "expected rule", "expected issue", "got rule", "got issue");
    assertThat(table)
        .contains(
            "wsl-11066-probable",
            "wsl-14193-sleep (look-alike)",
            "wsl-4166-gradual-healthy",
            "top-1 rule accuracy:",
            "top-1 known issue accuracy:",
            "false blames of Resource Saver on look-alikes and healthy machines:",
            "probable:");
    assertThat(table.strip()).endsWith(exit == 0 ? "targets met" : "targets missed");
  }

  @Test
  void shouldReadEveryFileOfEveryShippedCase() throws IOException {
    run("eval", "diagnose", "--json");

    JsonNode report = Json.mapper().readTree(out.toString());
    assertThat(report.get("cases")).hasSizeGreaterThanOrEqualTo(30);
    JsonNode summary = report.get("summary");
    assertThat(summary.get("cases").asInt()).isEqualTo(report.get("cases").size());
    assertThat(summary.has("ruleAccuracy")).isTrue();
    assertThat(summary.has("knownIssueAccuracy")).isTrue();
    assertThat(summary.has("falseBlames")).isTrue();
    assertThat(summary.has("probableRate")).isTrue();
    assertThat(report.get("targets").get("knownIssueAccuracy").asDouble()).isEqualTo(0.9);
    assertThat(err.toString()).as("the cases' files are all readable").isEmpty();
  }

  @Test
  void shouldRunADirectoryOfCasesWithTheSameManifest() throws IOException {
    Path cases = dir.resolve("cases");
    Files.createDirectories(cases);
    writeCase(cases.resolve("quiet"), "capture.json", "{\"host\": \"quiet-box\"}\n");
    Files.writeString(
        cases.resolve(EvalManifest.FILE),
        """
        cases:
          - id: quiet
            report: microsoft/WSL#4166
            rule: none
            knownIssue: none
            lookAlike: false
            files: [capture.json]
        """);

    int exit = run("eval", "diagnose", "--json", cases.toString());

    assertThat(exit).as(err.toString()).isZero();
    JsonNode report = Json.mapper().readTree(out.toString());
    assertThat(report.get("cases")).hasSize(1);
    assertThat(report.get("cases").get(0).get("rule").asText()).isEqualTo("none");
    assertThat(report.get("summary").get("knownIssueAccuracy").asDouble()).isEqualTo(1.0);
    assertThat(report.get("targetsMet").asBoolean()).isTrue();
  }

  @Test
  void shouldExitOneWhenAHealthyCaseIsBlamedOnResourceSaver() throws IOException {
    Path cases = dir.resolve("cases");
    Path gradual = cases.resolve("blamed");
    Path source = Captures.capture("resource-saver-gradual");
    try (var files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = gradual.resolve(source.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    Files.writeString(
        cases.resolve(EvalManifest.FILE),
        """
        cases:
          - id: blamed
            report: microsoft/WSL#14193
            rule: sleep-resume
            knownIssue: microsoft/WSL#14193
            lookAlike: true
            files: [capture.json, dmesg.txt]
        """);

    int exit = run("eval", "diagnose", cases.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString())
        .contains("miss: rule, issue, FALSE BLAME")
        .contains("false blames of Resource Saver on look-alikes and healthy machines: 1")
        .contains("targets missed");
  }

  @Test
  void shouldRefuseADirectoryWithoutAManifestOrWithAFileItLacks() throws IOException {
    assertThat(run("eval", "diagnose", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("has no cases.yaml");

    Files.writeString(
        dir.resolve(EvalManifest.FILE),
        """
        cases:
          - id: gone
            report: microsoft/WSL#4166
            rule: none
            knownIssue: none
            lookAlike: false
            files: [capture.json]
        """);
    assertThat(run("eval", "diagnose", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("gone/capture.json: listed in the manifest, not there");
  }

  @Test
  void shouldNameWhatIsWrongWithAManifest() throws IOException {
    Files.writeString(
        dir.resolve(EvalManifest.FILE),
        """
        cases:
          - id: one
            report: WSL 11066
            rule: none
            knownIssue: none
            lookAlike: false
            files: [capture.json]
          - id: two
            report: microsoft/WSL#1
            rule: none
            knownIssue: none
            lookAlike: false
            expected: none
            files: [capture.json]
        """);

    assertThat(run("eval", "diagnose", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("Unrecognized field \"expected\"");

    Files.writeString(
        dir.resolve(EvalManifest.FILE),
        """
        cases:
          - id: one
            report: WSL 11066
            rule: none
            knownIssue: none
            lookAlike: false
            files: [capture.json]
          - id: one
            report: microsoft/WSL#1
            rule: none
            knownIssue: the first one
            lookAlike: false
            files: [../capture.json]
        """);
    assertThat(run("eval", "diagnose", dir.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("case one: report must look like owner/repo#123; was WSL 11066")
        .contains("case one: listed twice")
        .contains("case one: knownIssue must be owner/repo#123 or none; was the first one")
        .contains("relative and inside it; ../capture.json");
  }

  @Test
  void shouldExplainTheTargetsAndExitCodesInItsHelp() {
    assertThat(run("eval", "diagnose", "--help")).isZero();

    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("top-1 known issue", "at least 0.9, no false blame", "1 they are missed")
        .contains("cases.yaml");
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("eval");
  }

  private static void writeCase(Path caseDir, String file, String content) throws IOException {
    Files.createDirectories(caseDir);
    Files.writeString(caseDir.resolve(file), content, StandardCharsets.UTF_8);
  }
}
