package dev.stallwatch.streams.correlation.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.HostContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleBookTest {

  @TempDir Path dir;

  private static final String VALID_RULE =
      """
      rules:
        - id: my-hang
          title: My hang
          severity: warning
          signals: [hung_task]
          context:
            autoMemoryReclaim: [dropcache]
          resourceSaver: {state: active, grace: 10s, window: 1h}
          resolve: {onResourceSaverExit: true}
          knownIssues: [microsoft/WSL#11066]
          remediation: Do something.
      """;

  @Test
  void shouldLoadEveryShippedRuleWithTheFallbackLast() {
    RuleBook shipped = RuleBook.shipped();

    assertThat(shipped.rules())
        .extracting(Rule::id)
        .containsExactly(
            "disk-after-suspend",
            "sleep-resume",
            "wsl-service-hang",
            "docker-cli-vanished",
            "docker-paused",
            "resource-saver-gradual",
            "resource-saver-cgroup-v2",
            "gradual-systemd-lag",
            "resource-saver-stuck",
            "resource-saver-no-wake",
            "reclaim-eagain",
            "cgroup-v1-disabled",
            "vm-freeze",
            "unexplained-hang");
    assertThat(shipped.fallback().id()).isEqualTo("unexplained-hang");
    assertThat(shipped.rules())
        .filteredOn(rule -> !rule.fallback())
        .allSatisfy(rule -> assertThat(rule.knownIssues()).isNotEmpty());
  }

  @Test
  void shouldNameTheFileTheRuleAndTheKeyOfAnUnknownUnit() throws IOException {
    Path file = write("bad.yaml", VALID_RULE.replace("window: 1h", "window: 10mins"));

    assertThatThrownBy(() -> RuleBook.load(file))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessage(
            file
                + ": rules[0].resourceSaver.window: unknown unit 'mins' (use s, m, h or d)"
                + " (rule 'my-hang')");
  }

  @Test
  void shouldRejectUnknownKeysWithTheirPath() throws IOException {
    Path file = write("typo.yaml", VALID_RULE.replace("severity: warning", "severty: warning"));

    InvalidRulesException e = catchInvalid(file);

    assertThat(e.errors())
        .extracting(RuleError::path)
        .containsExactlyInAnyOrder("rules[0].severity", "rules[0].severty");
    assertThat(e.getMessage()).contains("rules[0].severty: unknown key");
  }

  @Test
  void shouldReportEveryProblemOfAFileNotJustTheFirst() throws IOException {
    Path file =
        write(
            "many.yaml",
            VALID_RULE
                .replace("[hung_task]", "[hung_tsk]")
                .replace("[dropcache]", "[gradul]")
                .replace("microsoft/WSL#11066", "WSL-11066")
                .replace("state: active", "state: asleep"));

    assertThat(catchInvalid(file).errors())
        .extracting(RuleError::path)
        .containsExactlyInAnyOrder(
            "rules[0].signals[0]",
            "rules[0].context.autoMemoryReclaim[0]",
            "rules[0].resourceSaver.state",
            "rules[0].knownIssues[0]");
  }

  private static final String PROBABLE =
      """
          probable:
            confidence: 0.4
            requires: {resourceSaverEnabled: true, dockerDesktop: "<4.42.1"}
            missing:
              - when: noWindowsSide
                text: the Windows-side collector is not running
              - when: otherwise
                text: no Resource Saver transition was seen
      """;

  @Test
  void shouldReadAProbableCauseWithItsMissingEvidence() throws Exception {
    Path file = write("probable.yaml", VALID_RULE + PROBABLE);

    Rule rule = RuleBook.load(file).rule("my-hang").orElseThrow();

    assertThat(rule.probable().confidence()).isEqualTo(0.4);
    assertThat(rule.probable().missing())
        .extracting(ProbableCause.Missing::when)
        .containsExactly(ProbableCause.Lack.NO_WINDOWS_SIDE, ProbableCause.Lack.OTHERWISE);
    assertThat(rule.probable().requires().dockerDesktop().text()).isEqualTo("<4.42.1");
    assertThat(rule.probable().quiet()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void shouldRefuseAProbableBlockThatCannotStandInForResourceSaverEvidence() throws IOException {
    Path file =
        write(
            "probable-bad.yaml",
            VALID_RULE
                    .replace("    resourceSaver: {state: active, grace: 10s, window: 1h}\n", "")
                    .replace(
                        "resolve: {onResourceSaverExit: true}", "resolve: {onSignalCleared: true}")
                + PROBABLE
                    .replace("confidence: 0.4", "confidence: 0.9")
                    .replace("when: otherwise", "when: sometimes")
                    .replace("dockerDesktop: \"<4.42.1\"", "dockerDesktop: \"<4.x\""));

    InvalidRulesException e = catchInvalid(file);

    assertThat(e.errors())
        .extracting(RuleError::path)
        .containsExactlyInAnyOrder(
            "rules[0].probable",
            "rules[0].probable.confidence",
            "rules[0].probable.requires.dockerDesktop",
            "rules[0].probable.missing[1].when",
            "rules[0].probable.missing");
    assertThat(e.getMessage())
        .contains(
            "rules[0].probable: only applies to a rule with resourceSaver state active or exited",
            "rules[0].probable.confidence: must be lower than the rule's confidence.base (0.5)",
            "rules[0].probable.missing[1].when: unknown condition 'sometimes' (use noWindowsSide,"
                + " noBackendApi, otherwise)",
            "rules[0].probable.missing: needs a line with 'when: otherwise'");
  }

  @Test
  void shouldRefuseAProbableBlockWithoutItsConfidenceOrLines() throws IOException {
    Path file =
        write(
            "probable-empty.yaml",
            VALID_RULE
                + """
                    probable:
                      missing:
                        - when: otherwise
                      colour: red
                """);

    assertThat(catchInvalid(file).errors())
        .extracting(RuleError::path)
        .containsExactlyInAnyOrder(
            "rules[0].probable.confidence",
            "rules[0].probable.missing[0].text",
            "rules[0].probable.colour");
  }

  @Test
  void shouldRefuseASuspendRelationWithoutItsWindow() throws IOException {
    Path file =
        write(
            "suspend.yaml",
            VALID_RULE.replace(
                "  resourceSaver: {state: active, grace: 10s, window: 1h}",
                "  afterSuspend: {grace: 10s, after: 5m}"));

    assertThat(catchInvalid(file).errors())
        .extracting(RuleError::path)
        .containsExactlyInAnyOrder("rules[0].afterSuspend.within", "rules[0].afterSuspend.after");
  }

  @Test
  void shouldSayWhereYamlThatDoesNotParseBreaks() throws IOException {
    Path file = write("broken.yaml", "rules:\n  - id: x\n    title: [unclosed\n");

    assertThat(catchInvalid(file).getMessage()).startsWith(file + ": not valid YAML at line");
  }

  @Test
  void shouldRefuseARuleThatNothingWouldEverResolve() throws IOException {
    Path file =
        write(
            "forever.yaml",
            VALID_RULE.replace("resolve: {onResourceSaverExit: true}", "resolve: {}"));

    assertThat(catchInvalid(file).getMessage())
        .contains("rules[0].resolve: nothing would ever resolve");
  }

  @Test
  void shouldTryDirectoryRulesFirstAndLetThemReplaceShippedOnesById() throws Exception {
    write("10-mine.yaml", VALID_RULE);
    write(
        "20-override.yaml",
        VALID_RULE.replace("my-hang", "reclaim-eagain").replace("My hang", "Reclaim, our way"));

    RuleBook book = RuleBook.load(dir);

    assertThat(book.rules().getFirst().id()).isEqualTo("my-hang");
    assertThat(book.rule("reclaim-eagain").orElseThrow().title()).isEqualTo("Reclaim, our way");
    assertThat(book.rules()).extracting(Rule::id).doesNotHaveDuplicates();
    assertThat(book.fallback().id()).isEqualTo("unexplained-hang");
  }

  @Test
  void shouldRefuseTheSameIdInTwoFiles() throws IOException {
    write("a.yaml", VALID_RULE);
    write("b.yaml", VALID_RULE);

    assertThat(catchInvalid(dir).getMessage()).contains("id defined twice: my-hang");
  }

  @Test
  void shouldMatchVersionRangesPartByPartAsNumbers() {
    VersionRange before443 = VersionRange.parse("<4.43.0");

    assertThat(before443.contains("4.42.0")).isTrue();
    assertThat(before443.contains("4.9")).isTrue();
    assertThat(before443.contains("4.43.0")).isFalse();
    assertThat(before443.contains("4.100.1")).isFalse();
    assertThat(VersionRange.parse(">=2.0 <2.5.1").contains("2.5.0.0")).isTrue();
    assertThat(before443.contains(null)).isFalse();
    assertThatThrownBy(() -> VersionRange.parse("<4.x")).hasMessageContaining("'<4.x'");
  }

  @Test
  void shouldReadDurationsWithTheirUnit() {
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> Durations.parse("ten minutes")).hasMessageContaining("not a duration");
  }

  @Test
  void shouldNotMatchAHostThatNeverReportedWhatTheRuleNeeds() {
    ContextMatch needsV2 =
        new ContextMatch(null, java.util.Set.of(CgroupLayout.V2), null, null, null, null);

    assertThat(needsV2.match(HostContext.UNKNOWN)).isEmpty();
    assertThat(
            needsV2.match(
                new HostContext(null, null, null, null, null, CgroupLayout.V2, null, null)))
        .contains(List.of("cgroup layout is v2"));
  }

  private InvalidRulesException catchInvalid(Path path) {
    try {
      RuleBook.load(path);
    } catch (InvalidRulesException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the rules at " + path + " to be refused");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
