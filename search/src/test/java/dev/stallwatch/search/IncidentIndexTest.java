package dev.stallwatch.search;

import static dev.stallwatch.search.SampleIncidents.APT_HANG_ID;
import static dev.stallwatch.search.SampleIncidents.FREEZE_ID;
import static dev.stallwatch.search.SampleIncidents.TERMINAL_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.Incident;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IncidentIndexTest {

  private ByteBuffersDirectory directory;
  private IncidentIndex index;

  @BeforeEach
  void openIndex() {
    directory = new ByteBuffersDirectory();
    index = new IncidentIndex(directory);
  }

  @AfterEach
  void closeIndex() throws Exception {
    index.close();
    directory.close();
  }

  private void indexAll(Incident... incidents) {
    for (Incident incident : incidents) {
      index.upsert(incident);
    }
    index.refresh();
  }

  private void indexSamples() {
    indexAll(
        SampleIncidents.unexplainedFreezeOnLaptop(),
        SampleIncidents.terminalFailureOnBuildBox(),
        SampleIncidents.aptHangOnLaptop());
  }

  private List<String> idsOf(SearchResult result) {
    return result.hits().stream().map(hit -> hit.incident().id()).toList();
  }

  @Test
  void upsertReplacesThePreviousVersionOfTheSameIncident() {
    indexAll(SampleIncidents.aptHangOnLaptop());
    indexAll(SampleIncidents.aptHangResolved());

    assertThat(index.count()).isEqualTo(1);
    assertThat(index.get(APT_HANG_ID)).contains(SampleIncidents.aptHangResolved());
    assertThat(idsOf(index.search("status:open", 10))).isEmpty();
  }

  @Test
  void writesBecomeVisibleAtTheNextRefresh() {
    index.upsert(SampleIncidents.aptHangOnLaptop());
    assertThat(index.count()).isZero();
    assertThat(index.get(APT_HANG_ID)).isEmpty();

    index.refresh();

    assertThat(index.count()).isEqualTo(1);
    assertThat(index.get(APT_HANG_ID)).isPresent();
  }

  @Test
  void recentListsTheMostRecentlyOpenedFirst() {
    indexSamples();

    assertThat(index.recent(10))
        .extracting(Incident::id)
        .containsExactly(TERMINAL_ID, APT_HANG_ID, FREEZE_ID);
    assertThat(index.recent(2)).extracting(Incident::id).containsExactly(TERMINAL_ID, APT_HANG_ID);
  }

  @Test
  void getReturnsTheWholeIncidentOrNothing() {
    indexSamples();

    assertThat(index.get(APT_HANG_ID)).contains(SampleIncidents.aptHangOnLaptop());
    assertThat(index.get(FREEZE_ID)).contains(SampleIncidents.unexplainedFreezeOnLaptop());
    assertThat(index.get("inc-does-not-exist")).isEmpty();
  }

  @Test
  void deleteRemovesTheIncident() {
    indexSamples();

    index.delete(APT_HANG_ID);
    index.refresh();

    assertThat(index.get(APT_HANG_ID)).isEmpty();
    assertThat(index.count()).isEqualTo(2);
  }

  @Test
  void searchFindsWordsOfEvidenceLines() {
    indexSamples();

    assertThat(idsOf(index.search("pid 4711", 10))).first().isEqualTo(APT_HANG_ID);
    assertThat(idsOf(index.search("E_UNEXPECTED", 10))).containsExactly(TERMINAL_ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"frozen", "freezing", "stuck", "unresponsive"})
  void aWordForAHangFindsAnIncidentThatSaysAnotherOne(String word) {
    indexAll(SampleIncidents.aptHangOnLaptop());

    assertThat(idsOf(index.search(word, 10))).containsExactly(APT_HANG_ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pause", "energy saver", "resource saving"})
  void anotherNameForResourceSaverFindsAnIncidentThatSaysResourceSaver(String words) {
    indexAll(SampleIncidents.aptHangOnLaptop());

    assertThat(idsOf(index.search(words, 10))).containsExactly(APT_HANG_ID);
  }

  @Test
  void theWordTypedRanksAboveItsSynonyms() {
    indexAll(SampleIncidents.unexplainedFreezeOnLaptop(), SampleIncidents.aptHangOnLaptop());

    assertThat(idsOf(index.search("hung", 10))).first().isEqualTo(APT_HANG_ID);
  }

  @Test
  void searchRanksTheIncidentMatchingMostWordsFirst() {
    indexSamples();

    SearchResult result = index.search("apt hang gradual", 10);

    assertThat(result.query()).isEqualTo("apt hang gradual");
    assertThat(idsOf(result)).first().isEqualTo(APT_HANG_ID);
    assertThat(result.hits())
        .extracting(SearchResult.Hit::score)
        .isSortedAccordingTo((a, b) -> Float.compare(b, a));
  }

  @Test
  void pastedKernelLineFindsItsIncident() {
    indexSamples();

    SearchResult result = index.search(SampleIncidents.HUNG_TASK_LINE, 10);

    assertThat(idsOf(result)).first().isEqualTo(APT_HANG_ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"host:dev-laptop-07", "HOST:DEV-LAPTOP-07", "host:\"dev-laptop-07\""})
  void searchFindsByHost(String query) {
    indexSamples();

    assertThat(idsOf(index.search(query, 10))).containsExactlyInAnyOrder(APT_HANG_ID, FREEZE_ID);
  }

  @Test
  void searchFindsByPartOfTheHostName() {
    indexSamples();

    assertThat(idsOf(index.search("build-box", 10))).containsExactly(TERMINAL_ID);
  }

  @Test
  void phraseQueryMatchesTheWordsTogetherAndInOrder() {
    indexSamples();

    assertThat(idsOf(index.search("\"Resource Saver\"", 10)))
        .containsExactlyInAnyOrder(APT_HANG_ID, TERMINAL_ID);
    assertThat(idsOf(index.search("\"Saver Resource\"", 10))).isEmpty();
  }

  @Test
  void phraseDoesNotMatchAcrossTwoEvidenceLines() {
    indexSamples();

    // "engine paused" ends one evidence line and "apt-get" starts the next one.
    assertThat(idsOf(index.search("evidence:\"paused apt\"", 10))).isEmpty();
    assertThat(idsOf(index.search("evidence:\"engine paused\"", 10))).containsExactly(APT_HANG_ID);
  }

  @Test
  void searchFindsByKnownIssueVersionAndField() {
    indexSamples();

    // Quoted, the id is one whole term; unquoted its parts (microsoft, wsl) match too, and in an
    // index of three incidents "wsl" in one title weighs about as much as the whole id.
    assertThat(idsOf(index.search("\"microsoft/WSL#11066\"", 10))).containsExactly(APT_HANG_ID);
    assertThat(idsOf(index.search("microsoft/WSL#11066", 10))).contains(APT_HANG_ID);
    assertThat(idsOf(index.search("4.42.0", 10))).containsExactly(TERMINAL_ID);
    assertThat(idsOf(index.search("status:resolved rule:unexplained-hang", 10)))
        .first()
        .isEqualTo(FREEZE_ID);
  }

  @Test
  void excludingAloneMatchesEverythingElse() {
    indexSamples();

    assertThat(idsOf(index.search("-host:dev-laptop-07", 10))).containsExactly(TERMINAL_ID);
  }

  @Test
  void totalCountsEveryMatchBeyondTheLimit() {
    indexSamples();

    SearchResult result = index.search("\"Resource Saver\"", 1);

    assertThat(result.total()).isEqualTo(2);
    assertThat(result.hits()).hasSize(1);
  }

  @Test
  void syntaxErrorIsAQueryExceptionWithOneClearSentence() {
    indexSamples();

    assertThatThrownBy(() -> index.search("apt AND (", 10))
        .isInstanceOf(QueryException.class)
        .message()
        .doesNotContain("Encountered", "Cannot parse", "org.apache", "\n")
        .endsWith(".");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void emptyQueryIsAQueryException(String query) {
    assertThatThrownBy(() -> index.search(query, 10))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void incidentWithAnImmenseHostIsRefusedWithItsId() {
    Incident sample = SampleIncidents.aptHangOnLaptop();
    Incident broken =
        new Incident(
            "inc-broken",
            "h".repeat(IncidentDocuments.MAX_KEYWORD_CHARS + 1),
            sample.rule(),
            sample.title(),
            sample.status(),
            sample.severity(),
            sample.onset(),
            sample.openedAt(),
            sample.updatedAt(),
            null,
            sample.confidence(),
            null,
            null,
            null,
            null,
            null);

    assertThatThrownBy(() -> index.upsert(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inc-broken");
  }

  @Test
  void reopeningAnIndexDirectoryKeepsTheIncidentsAndTheCheckpoint(@TempDir Path dir) {
    try (IncidentIndex onDisk = IncidentIndex.open(dir)) {
      onDisk.upsert(SampleIncidents.aptHangOnLaptop());
      onDisk.commit(Map.of("stallwatch.incidents-0", "42"));
    }

    try (IncidentIndex reopened = IncidentIndex.open(dir)) {
      assertThat(reopened.count()).isEqualTo(1);
      assertThat(reopened.checkpoint()).containsExactly(Map.entry("stallwatch.incidents-0", "42"));
      assertThat(reopened.searchKnowledge("Wsl/Service/E_UNEXPECTED", 1)).hasSize(1);
    }
  }

  @Test
  void anIndexWrittenWithAnotherFieldLayoutIsRebuiltFromScratch(@TempDir Path dir)
      throws Exception {
    try (var fs = FSDirectory.open(dir);
        var writer = new IndexWriter(fs, new IndexWriterConfig())) {
      writer.addDocument(new Document());
      writer.setLiveCommitData(
          Map.of(IncidentIndex.SCHEMA_KEY, "1", "checkpoint.stallwatch.incidents-0", "9")
              .entrySet());
      writer.commit();
    }

    try (IncidentIndex reopened = IncidentIndex.open(dir)) {
      assertThat(reopened.count()).isZero();
      assertThat(reopened.checkpoint()).isEmpty();
    }
  }
}
