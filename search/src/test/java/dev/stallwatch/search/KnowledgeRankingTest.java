package dev.stallwatch.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Json;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.search.kb.KnowledgeEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How known issues rank for what users type: their words, the look-alikes, imported issues. */
class KnowledgeRankingTest {

  private static List<KnowledgeHit> search(KnowledgeBase knowledge, String text, int limit) {
    try (IncidentIndex index = IncidentIndex.inMemory(knowledge)) {
      return index.searchKnowledge(text, limit);
    }
  }

  private static List<String> ids(List<KnowledgeHit> hits) {
    return hits.stream().map(hit -> hit.entry().id()).toList();
  }

  private static KnowledgeEntry shipped(String id) {
    return KnowledgeBase.shipped().get(id).orElseThrow();
  }

  /**
   * The same text as {@code curated}, as {@code kb import} would have added it under its own id.
   */
  private static KnowledgeEntry importedCopyOf(KnowledgeEntry curated) {
    return new KnowledgeEntry(
        "acme/devbox#11066",
        "https://github.com/acme/devbox/issues/11066",
        curated.title(),
        curated.status(),
        curated.opened(),
        curated.symptoms(),
        curated.errors(),
        curated.conditions(),
        curated.versions(),
        curated.cause(),
        curated.causeConfirmed(),
        curated.workarounds(),
        curated.related(),
        KnowledgeEntry.IMPORTED);
  }

  @Test
  void wordsUsersTypeForResourceSaverFindTheCoreIssues() {
    List<String> top =
        ids(search(KnowledgeBase.shipped(), "wsl hangs when docker desktop idle", 5));

    assertThat(top).contains("microsoft/WSL#11066", "docker/for-win#14656");
  }

  @Test
  void aTerminalFrozenAfterThePcSleptFindsTheSleepLookAlikeFirst() {
    List<KnowledgeHit> hits =
        search(KnowledgeBase.shipped(), "terminal frozen after the PC wakes from sleep", 2);

    assertThat(hits.getFirst().entry().id()).isEqualTo("microsoft/WSL#14193");
    assertThat(hits)
        .allSatisfy(hit -> assertThat(hit.entry().conditions().resourceSaver()).isFalse());
  }

  @Test
  void dockerGoingToSleepIsResourceSaverNotThePcsSleep() {
    List<KnowledgeHit> hits =
        search(KnowledgeBase.shipped(), "wsl hangs after docker desktop goes to sleep", 3);

    assertThat(ids(hits)).contains("docker/for-win#14656");
    assertThat(hits)
        .allSatisfy(
            hit -> assertThat(hit.entry().conditions().resourceSaver()).isNotEqualTo(false));
  }

  @Test
  void anIssueIsFoundByItsIdOrNumberButNotByTheWordsOfItsRepositorysName() {
    assertThat(ids(search(KnowledgeBase.shipped(), "14656", 1)))
        .containsExactly("docker/for-win#14656");
    assertThat(ids(search(KnowledgeBase.shipped(), "desktop-feedback#522", 1)))
        .containsExactly("docker/desktop-feedback#522");
    assertThat(ids(search(KnowledgeBase.shipped(), "feedback", 5)))
        .doesNotContain("docker/desktop-feedback#522", "docker/desktop-feedback#142");
  }

  @Test
  void aCuratedEntryRanksAboveAnImportedOneWithTheSameText() {
    KnowledgeEntry curated = shipped("microsoft/WSL#11066");
    KnowledgeEntry imported = importedCopyOf(curated);
    List<KnowledgeEntry> entries = new ArrayList<>(KnowledgeBase.shipped().entries());
    entries.add(imported);

    List<KnowledgeHit> hits = search(KnowledgeBase.of(entries), "WSL hangs", 40);
    List<String> top = ids(hits);

    assertThat(imported.reviewed()).isFalse();
    assertThat(top).contains(curated.id(), imported.id());
    assertThat(top.indexOf(curated.id())).isLessThan(top.indexOf(imported.id()));
    KnowledgeHit importedHit = hits.get(top.indexOf(imported.id()));
    KnowledgeHit curatedHit = hits.get(top.indexOf(curated.id()));
    assertThat(importedHit.score()).isLessThan(curatedHit.score());
  }

  @Test
  void aSearchHitSaysInJsonWhetherItsEntryWasReviewed() throws Exception {
    KnowledgeEntry imported = importedCopyOf(shipped("microsoft/WSL#11066"));

    List<KnowledgeHit> hits = search(KnowledgeBase.of(List.of(imported)), "gradual", 1);
    JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(hits.getFirst()));

    assertThat(json.path("reviewed").asBoolean(true)).isFalse();
    assertThat(json.path("source").asText()).isEqualTo("imported");
    assertThat(json.path("versions").path("wsl").path("reportedOn").get(0).asText())
        .isEqualTo("2.0");
  }
}
