package dev.stallwatch.search.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionNoteTest {

  private static final KnowledgeEntry FREEZE =
      KnowledgeBase.shipped().get("docker/for-win#14656").orElseThrow();

  private static VersionNote only(Product product, String version) {
    List<VersionNote> notes = VersionNote.check(FREEZE, Map.of(product, version), "dev-anna runs");
    assertThat(notes).hasSize(1);
    return notes.getFirst();
  }

  @Test
  void aVersionOlderThanTheFixIsAffected() {
    VersionNote note = only(Product.DOCKER_DESKTOP, "4.42.0");

    assertThat(note.verdict()).isEqualTo(VersionNote.Verdict.AFFECTED);
    assertThat(note.message())
        .isEqualTo(
            "Fixed in Docker Desktop 4.43.0; dev-anna runs 4.42.0, which is older: affected,"
                + " upgrade.");
  }

  @Test
  void theFixedVersionAndLaterHaveTheFix() {
    assertThat(only(Product.DOCKER_DESKTOP, "4.43.0").verdict())
        .isEqualTo(VersionNote.Verdict.NOT_AFFECTED);
    assertThat(only(Product.DOCKER_DESKTOP, "4.62.0 (195023)").verdict())
        .isEqualTo(VersionNote.Verdict.NOT_AFFECTED);
  }

  @Test
  void aVersionBeforeTheFirstAffectedOneIsNotAffected() {
    KnowledgeEntry sparse = KnowledgeBase.shipped().get("microsoft/WSL#13075").orElseThrow();

    List<VersionNote> older = VersionNote.check(sparse, Map.of(Product.WSL, "2.5.7.0"), "x runs");
    List<VersionNote> newer = VersionNote.check(sparse, Map.of(Product.WSL, "2.5.10.0"), "x runs");

    assertThat(older.getFirst().verdict()).isEqualTo(VersionNote.Verdict.NOT_AFFECTED);
    assertThat(newer.getFirst().verdict()).isEqualTo(VersionNote.Verdict.AFFECTED);
  }

  @Test
  void productsTheIssueDoesNotSpeakAboutGetNoNote() {
    assertThat(VersionNote.check(FREEZE, Map.of(Product.WINDOWS, "junk"), "x runs")).isEmpty();
  }
}
