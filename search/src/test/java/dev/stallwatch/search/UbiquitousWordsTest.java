package dev.stallwatch.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Incident;
import java.time.Duration;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A team's index is mostly the same few hangs again and again: words such as {@code docker} or
 * {@code apt} are in nearly every incident, and searches must neither rank by them nor slow down
 * because of them.
 */
class UbiquitousWordsTest {

  /** Enough incidents for words to count as ubiquitous. */
  private static final int REPEATS = UbiquitousWords.MIN_DOCS;

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

  /** The apt hang {@code count} times, one minute apart, the newest last. */
  private void indexAptHangs(int count) {
    Incident apt = SampleIncidents.aptHangOnLaptop();
    for (int i = 0; i < count; i++) {
      index.upsert(SampleIncidents.copy(apt, "apt-" + i, Duration.ofMinutes(i)));
    }
  }

  private static SearchRequest byRelevance(String text) {
    return new SearchRequest(
        text, 10, SearchRequest.Order.RELEVANCE, null, null, null, null, true, 0);
  }

  @Test
  void aRareWordAmongUbiquitousOnesFindsOnlyTheIncidentsThatHaveIt() {
    indexAptHangs(REPEATS);
    index.upsert(SampleIncidents.terminalFailureOnBuildBox());
    index.refresh();

    SearchResult result = index.search(byRelevance("docker apt hang Wsl/Service/E_UNEXPECTED"));

    assertThat(result.ordering()).isEqualTo(SearchRequest.Order.RELEVANCE);
    assertThat(result.hits())
        .extracting(hit -> hit.incident().id())
        .containsExactly(SampleIncidents.TERMINAL_ID);
    assertThat(result.total()).isEqualTo(1);
  }

  @Test
  void onlyUbiquitousWordsListTheMatchesNewestFirstWithTheirScores() {
    indexAptHangs(REPEATS);
    index.refresh();

    SearchResult result = index.search(byRelevance("docker desktop apt hangs"));

    assertThat(result.ordering()).isEqualTo(SearchRequest.Order.RECENT);
    assertThat(result.total()).isEqualTo(REPEATS);
    List<String> ids = result.hits().stream().map(hit -> hit.incident().id()).toList();
    assertThat(ids).startsWith("apt-" + (REPEATS - 1), "apt-" + (REPEATS - 2));
    assertThat(result.hits()).allSatisfy(hit -> assertThat(hit.score()).isPositive());
  }

  @Test
  void aSmallIndexKeepsRankingByRelevance() {
    indexAptHangs(20);
    index.refresh();

    SearchResult result = index.search(byRelevance("docker desktop apt hangs"));

    assertThat(result.ordering()).isEqualTo(SearchRequest.Order.RELEVANCE);
    assertThat(result.total()).isEqualTo(20);
  }
}
