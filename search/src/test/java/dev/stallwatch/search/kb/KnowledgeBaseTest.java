package dev.stallwatch.search.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped knowledge base as shipped, and what validation says about broken entries. */
class KnowledgeBaseTest {

  /**
   * Every issue the project's notes (shared/kb-facts.md) name, copied here so the build does not
   * read a file outside the repository: the four core issues, the related ones, those the knowledge
   * base lacked before issue 14, and the look-alikes.
   */
  private static final List<String> FACT_SHEET_ISSUES =
      List.of(
          "microsoft/WSL#11066",
          "docker/for-win#14656",
          "microsoft/WSL#10675",
          "docker/for-mac#6933",
          "docker/for-mac#6936",
          "microsoft/WSL#10901",
          "microsoft/WSL#12991",
          "microsoft/WSL#12635",
          "microsoft/WSL#12045",
          "microsoft/WSL#12024",
          "microsoft/WSL#12830",
          "microsoft/WSL#8529",
          "docker/for-win#14827",
          "docker/for-win#14606",
          "docker/for-win#14361",
          "docker/for-win#14832",
          "docker/for-win#13800",
          "docker/for-win#13794",
          "docker/for-win#15044",
          "microsoft/WSL#10534",
          "microsoft/WSL#10515",
          "microsoft/WSL#10497",
          "microsoft/WSL#10499",
          "microsoft/WSL#4166",
          "microsoft/WSL#11147",
          "microsoft/WSL#13075",
          "docker/desktop-feedback#522",
          "docker/desktop-feedback#142",
          "docker/for-win#14852",
          "docker/for-mac#7788",
          "docker/for-win#13789",
          "microsoft/WSL#13578",
          "microsoft/WSL#12094",
          "microsoft/WSL#14193",
          "microsoft/WSL#12793",
          "microsoft/WSL#13251",
          "microsoft/WSL#6982",
          "microsoft/WSL#14148",
          "microsoft/WSL#13761");

  /** The same symptoms for other reasons: their entries must not blame Resource Saver. */
  private static final List<String> LOOK_ALIKES =
      List.of(
          "microsoft/WSL#14193",
          "microsoft/WSL#12793",
          "microsoft/WSL#13251",
          "microsoft/WSL#6982",
          "microsoft/WSL#14148",
          "microsoft/WSL#13761");

  /** Pull requests the notes mention: proposed changes, not known faults, so never entries. */
  private static final List<String> KNOWN_PULL_REQUESTS = List.of("microsoft/WSL#13154");

  private static final String VALID_ENTRY =
      """
        - id: acme/devbox#42
          url: https://github.com/acme/devbox/issues/42
          title: Terminal hangs after lunch
          status: open
          symptoms: [The shell stops answering after an hour idle.]
          cause: Not known yet.
          causeConfirmed: false
      """;

  private static List<KnowledgeEntry> read(String entries) {
    String yaml = "entries:\n" + entries;
    return KnowledgeBase.read(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml", "shipped");
  }

  @Test
  void shipsAnEntryForEveryIssueOfTheFactSheetAndNothingElse() {
    KnowledgeBase kb = KnowledgeBase.shipped();

    assertThat(kb.entries())
        .extracting(KnowledgeEntry::id)
        .containsExactlyInAnyOrderElementsOf(FACT_SHEET_ISSUES);
  }

  @Test
  void everyEntryIsAnIssueAtItsIssueAddressAndNoneIsAPullRequest() {
    for (KnowledgeEntry e : KnowledgeBase.shipped().entries()) {
      var id = EntryReader.ID.matcher(e.id());
      assertThat(id.matches()).as(e.id()).isTrue();
      assertThat(e.url())
          .as(e.id())
          .isEqualTo(
              "https://github.com/%s/%s/issues/%s"
                  .formatted(id.group(1), id.group(2), id.group(3)));
      assertThat(KNOWN_PULL_REQUESTS).as(e.id()).doesNotContain(e.id());
    }
  }

  @Test
  void thePullRequestIsToldInsideTheIssueItWasProposedFor() {
    KnowledgeEntry lag = KnowledgeBase.shipped().get("microsoft/WSL#10675").orElseThrow();

    assertThat(lag.cause()).contains("microsoft/WSL#13154", "pull request");
    assertThat(KnowledgeBase.shipped().get("microsoft/WSL#13154")).isEmpty();
  }

  @Test
  void everyShippedEntrySaysWhatHappensWhyAndWhetherThatIsConfirmed() {
    for (KnowledgeEntry e : KnowledgeBase.shipped().entries()) {
      assertThat(e.symptoms()).as(e.id()).isNotEmpty();
      assertThat(e.cause()).as(e.id()).isNotBlank();
      assertThat(e.source()).isEqualTo(KnowledgeEntry.SHIPPED);
      assertThat(e.reviewed()).as(e.id()).isTrue();
    }
  }

  @Test
  void everyFixVersionSaysHowItFixedTheIssue() {
    for (KnowledgeEntry e : KnowledgeBase.shipped().entries()) {
      e.versions()
          .forEach(
              (product, v) -> {
                if (v.fixedIn() != null) {
                  assertThat(v.fixNote()).as("%s %s fixNote", e.id(), product.key()).isNotBlank();
                }
              });
    }
  }

  @Test
  void theResourceSaverFreezeWasFixedIn4421ByTurningResourceSaverOffUnderWsl2() {
    var docker =
        KnowledgeBase.shipped()
            .get("docker/for-win#14656")
            .orElseThrow()
            .versions()
            .get(Product.DOCKER_DESKTOP);

    assertThat(docker.reportedOn()).containsExactly("4.40.0", "4.42.0");
    assertThat(docker.fixedIn()).isEqualTo("4.42.1");
    assertThat(docker.fixNote()).isEqualTo("by disabling Resource Saver under WSL 2");
    assertThat(docker.fixConfirmed()).isTrue();
  }

  @Test
  void noEntryClaimsTheFreezeWasFixedIn443() {
    for (KnowledgeEntry e : KnowledgeBase.shipped().entries()) {
      assertThat(e.versions().values())
          .as(e.id())
          .allSatisfy(v -> assertThat(v.fixedIn()).isNotEqualTo("4.43.0"));
      assertThat(e.workarounds()).as(e.id()).noneMatch(w -> w.contains("4.43.0 or later"));
    }
  }

  @Test
  void theMacResourceSaverHangIsOpenWithNoFixVersion() {
    KnowledgeEntry stuck = KnowledgeBase.shipped().get("docker/for-mac#6933").orElseThrow();

    assertThat(stuck.status()).isEqualTo("open");
    assertThat(stuck.versions().get(Product.DOCKER_DESKTOP).fixedIn()).isNull();
    assertThat(stuck.related()).contains("docker/desktop-feedback#142");
  }

  @Test
  void theShimBugIsDockerNotFoundInTheDistroWithAnInferredFix() {
    KnowledgeEntry shim = KnowledgeBase.shipped().get("docker/for-win#13794").orElseThrow();

    assertThat(shim.errors())
        .contains("The command 'docker' could not be found in this WSL 2 distro.");
    var docker = shim.versions().get(Product.DOCKER_DESKTOP);
    assertThat(docker.fixedIn()).isEqualTo("4.25.2");
    assertThat(docker.fixConfirmed()).isFalse();
  }

  @Test
  void lookAlikesSayPlainlyThatResourceSaverIsNotTheCause() {
    for (String id : LOOK_ALIKES) {
      KnowledgeEntry e = KnowledgeBase.shipped().get(id).orElseThrow();
      assertThat(e.conditions().resourceSaver()).as(id).isFalse();
      assertThat(e.cause()).as(id).containsIgnoringCase("not Resource Saver");
    }
  }

  @Test
  void idsAreFoundWithoutRegardToTheCaseOfOwnerAndRepository() {
    assertThat(KnowledgeBase.shipped().get("MICROSOFT/wsl#11066")).isPresent();
  }

  @Test
  void readsAValidEntry() {
    KnowledgeEntry entry = read(VALID_ENTRY).getFirst();

    assertThat(entry.id()).isEqualTo("acme/devbox#42");
    assertThat(entry.causeConfirmed()).isFalse();
    assertThat(entry.conditions()).isEqualTo(KnowledgeEntry.Conditions.NONE);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "status: open|status: sleeping|status: 'sleeping' must be one of closed, fixed, open",
        "title: Terminal hangs after lunch|title: '  '|title: is required",
        "status: open|status: open;colour: red|colour: unknown field",
        "url: https://github.com/acme/devbox/issues/42|url: https://github.com/acme/x/issues/42"
            + "|url: must be https://github.com/acme/devbox/issues/42",
        "status: open|status: open;versions: {dockerDesktop: {fixed: soon}}"
            + "|versions.dockerDesktop.fixed: 'soon' is not a version like 4.43.0",
        "status: open|status: open;conditions: {reclaim: [sometimes]}"
            + "|conditions.reclaim: 'sometimes' must be one of",
        "causeConfirmed: false|causeConfirmed: maybe|causeConfirmed: must be true or false",
        "url: https://github.com/acme/devbox/issues/42|url: https://github.com/acme/devbox/pull/42"
            + "|url: is a pull request; a known issue must be an issue",
        "status: open|status: open;versions: {wsl: {fixed: 2.1.0, fixedIn: 2.1.0}}"
            + "|versions.wsl.fixed: is the former name of fixedIn; give only one",
        "status: open|status: open;versions: {wsl: {reportedOn: [2.0.5], fixNote: by magic}}"
            + "|versions.wsl.fixNote: says something about a fix, but fixedIn names no version",
        "status: open|status: open;reviewed: perhaps|reviewed: must be true or false",
      })
  void refusesAnInvalidEntryNamingTheEntryAndTheField(String from, String to, String problem) {
    // ';' separates lines of the replacement; each gets the entry's indentation.
    String broken = VALID_ENTRY.replace("    " + from, "    " + to.replace(";", "\n    "));

    assertThatThrownBy(() -> read(broken))
        .isInstanceOf(KnowledgeBaseException.class)
        .hasMessageStartingWith("test.yaml: entry 1 (acme/devbox#42): ")
        .hasMessageContaining(problem);
  }

  @Test
  void readsTheVersionFieldsUnderTheirFormerNamesToo() {
    String former =
        VALID_ENTRY.replace(
            "    status: open",
            "    status: open\n    versions: {dockerDesktop: {reported: [4.40.0], from: 4.40.0,"
                + " fixed: 4.42.1}}");

    var docker = read(former).getFirst().versions().get(Product.DOCKER_DESKTOP);

    assertThat(docker.reportedOn()).containsExactly("4.40.0");
    assertThat(docker.affectedFrom()).isEqualTo("4.40.0");
    assertThat(docker.fixedIn()).isEqualTo("4.42.1");
    assertThat(docker.fixConfirmed()).isTrue();
  }

  @Test
  void importedEntriesAreUnreviewedUnlessTheFileSaysSomeoneReviewedThem() {
    String yaml = "entries:\n" + VALID_ENTRY;
    String reviewed =
        "entries:\n"
            + VALID_ENTRY.replace("    status: open", "    status: open\n    reviewed: true");

    KnowledgeEntry imported = readAs(yaml, KnowledgeEntry.IMPORTED);
    KnowledgeEntry checked = readAs(reviewed, KnowledgeEntry.IMPORTED);

    assertThat(imported.reviewed()).isFalse();
    assertThat(checked.reviewed()).isTrue();
    assertThat(read(VALID_ENTRY).getFirst().reviewed()).isTrue();
  }

  private static KnowledgeEntry readAs(String yaml, String source) {
    return KnowledgeBase.read(
            new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "x.yaml", source)
        .getFirst();
  }

  @Test
  void refusesTheSameIdTwice() {
    assertThatThrownBy(() -> read(VALID_ENTRY + VALID_ENTRY))
        .isInstanceOf(KnowledgeBaseException.class)
        .hasMessage(
            "test.yaml: entry 2 (acme/devbox#42): id: already used by entry 1; ids must be"
                + " unique");
  }

  @Test
  void refusesAFileThatIsNotYaml() {
    assertThatThrownBy(() -> read("  - [unclosed"))
        .isInstanceOf(KnowledgeBaseException.class)
        .hasMessageStartingWith("test.yaml: not valid YAML");
  }
}
