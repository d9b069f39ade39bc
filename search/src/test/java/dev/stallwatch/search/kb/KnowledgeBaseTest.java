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

  /** Every issue of the project's notes (shared/kb-facts.md). */
  private static final List<String> FACT_SHEET_ISSUES =
      List.of(
          "microsoft/WSL#11066",
          "docker/for-win#14656",
          "microsoft/WSL#10675",
          "docker/for-mac#6933",
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
          "microsoft/WSL#13075");

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
  void shipsAnEntryForEveryIssueOfTheFactSheet() {
    KnowledgeBase kb = KnowledgeBase.shipped();

    assertThat(kb.size()).isGreaterThanOrEqualTo(24);
    for (String id : FACT_SHEET_ISSUES) {
      assertThat(kb.get(id)).as(id).isPresent();
    }
  }

  @Test
  void everyShippedEntrySaysWhatHappensWhyAndWhetherThatIsConfirmed() {
    for (KnowledgeEntry e : KnowledgeBase.shipped().entries()) {
      assertThat(e.url()).as(e.id()).startsWith("https://github.com/");
      assertThat(e.symptoms()).as(e.id()).isNotEmpty();
      assertThat(e.cause()).as(e.id()).isNotBlank();
      assertThat(e.source()).isEqualTo("shipped");
    }
    assertThat(KnowledgeBase.shipped().get("docker/for-win#14656").orElseThrow().versions())
        .containsKey(Product.DOCKER_DESKTOP);
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
