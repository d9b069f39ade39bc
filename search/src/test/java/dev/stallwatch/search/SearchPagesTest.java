package dev.stallwatch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pages of searches and of the newest incidents, and what a result says selected it. */
class SearchPagesTest {

  private static final int COUNT = 23;

  private ByteBuffersDirectory directory;
  private IncidentIndex index;

  @BeforeEach
  void indexAptHangs() {
    directory = new ByteBuffersDirectory();
    index = new IncidentIndex(directory);
    Incident apt = SampleIncidents.aptHangOnLaptop();
    for (int i = 0; i < COUNT; i++) {
      index.upsert(SampleIncidents.copy(apt, "apt-%02d".formatted(i), Duration.ofMinutes(i)));
    }
    index.refresh();
  }

  @AfterEach
  void closeIndex() throws Exception {
    index.close();
    directory.close();
  }

  private static SearchRequest page(String text, SearchRequest.Order order, int offset) {
    return new SearchRequest(text, 10, order, null, null, null, null, false, 0, offset);
  }

  private List<String> everyPage(String text, SearchRequest.Order order) {
    List<String> ids = new ArrayList<>();
    Integer offset = 0;
    while (offset != null) {
      SearchResult result = index.search(page(text, order, offset));
      assertThat(result.offset()).isEqualTo(offset);
      result.hits().forEach(hit -> ids.add(hit.incident().id()));
      offset = result.nextOffset();
    }
    return ids;
  }

  @Test
  void pagesOfASearchByRelevanceHoldEveryMatchOnce() {
    List<String> first = everyPage("apt hung", SearchRequest.Order.RELEVANCE);

    assertThat(first).hasSize(COUNT).doesNotHaveDuplicates();
    assertThat(first.subList(0, 10))
        .isEqualTo(
            index.search(page("apt hung", SearchRequest.Order.RELEVANCE, 0)).hits().stream()
                .map(hit -> hit.incident().id())
                .toList());
  }

  @Test
  void pagesOfASearchNewestFirstFollowEachOther() {
    List<String> ids = everyPage("host:dev-laptop-07", SearchRequest.Order.RECENT);

    List<String> newestFirst = new ArrayList<>();
    for (int i = COUNT - 1; i >= 0; i--) {
      newestFirst.add("apt-%02d".formatted(i));
    }
    assertThat(ids).isEqualTo(newestFirst);
  }

  @Test
  void theLastPageHasNoNextOffset() {
    SearchResult last = index.search(page("apt", SearchRequest.Order.RECENT, 20));

    assertThat(last.hits()).hasSize(3);
    assertThat(last.nextOffset()).isNull();
    assertThat(index.search(page("apt", SearchRequest.Order.RECENT, 40)).hits()).isEmpty();
  }

  @Test
  void pagesOfTheNewestIncidentsFollowEachOther() {
    assertThat(index.recent(20, 10))
        .extracting(Incident::id)
        .containsExactly("apt-02", "apt-01", "apt-00");
    assertThat(index.recent(10, 2)).extracting(Incident::id).containsExactly("apt-12", "apt-11");
  }

  @Test
  void anOffsetPastTheBoundIsRefused() {
    assertThatThrownBy(() -> page("apt", SearchRequest.Order.RECENT, SearchRequest.MAX_OFFSET + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.recent(-1, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"host:", "apt since:", "rule: apt", "(status:)", "apt SINCE:"})
  void anEmptyInlineFilterIsRefusedWithAnExample(String text) {
    assertThatThrownBy(() -> index.search(text, 10))
        .isInstanceOf(QueryException.class)
        .message()
        .matches("The (host|rule|status|since) filter is empty; give it a value, e\\.g\\. .+\\.");
  }

  @Test
  void anEmptyFilterParameterIsRefusedLikeAnEmptyInlineOne() {
    SearchRequest emptyHost =
        new SearchRequest("apt", 10, SearchRequest.Order.RECENT, " ", null, null, null, false, 0);

    assertThatThrownBy(() -> index.search(emptyHost))
        .isInstanceOf(QueryException.class)
        .hasMessage("The host filter is empty; give it a value, e.g. host:dev-anna.");
    assertThatThrownBy(() -> SearchRequest.parseSince(""))
        .hasMessage("The since filter is empty; give it a value, e.g. since:24h.");
  }

  @Test
  void aResultSaysWhichWordsAndFiltersSelectedIt() {
    SearchResult filtersOnly =
        index.search(
            page("host:Dev-Laptop-07 since:48h status:open", SearchRequest.Order.RELEVANCE, 0));
    SearchResult words =
        index.search(page("apt host:dev-laptop-07", SearchRequest.Order.RELEVANCE, 0));

    assertThat(filtersOnly.selection().words()).isEmpty();
    assertThat(filtersOnly.selection().filters())
        .containsExactly(
            Map.entry("host", List.of("dev-laptop-07")),
            Map.entry("status", List.of("open")),
            Map.entry("since", List.of("2d")));
    assertThat(words.selection().words()).isEqualTo("apt");
  }
}
