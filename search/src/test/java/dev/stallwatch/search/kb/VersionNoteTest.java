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
  void aVersionOlderThanTheFixIsAffectedAndToldHowTheFixWorks() {
    VersionNote note = only(Product.DOCKER_DESKTOP, "4.42.0");

    assertThat(note.verdict()).isEqualTo(VersionNote.Verdict.AFFECTED);
    assertThat(note.message())
        .isEqualTo(
            "Fixed in Docker Desktop 4.42.1 by disabling Resource Saver under WSL 2; dev-anna runs"
                + " 4.42.0, which is older: affected, upgrade.");
  }

  @Test
  void theFixedVersionAndLaterHaveTheFix() {
    assertThat(only(Product.DOCKER_DESKTOP, "4.42.1").message())
        .isEqualTo(
            "Fixed in Docker Desktop 4.42.1 by disabling Resource Saver under WSL 2; dev-anna runs"
                + " 4.42.1, which has the fix: a hang there is something else.");
    assertThat(only(Product.DOCKER_DESKTOP, "4.43.0").verdict())
        .isEqualTo(VersionNote.Verdict.NOT_AFFECTED);
    assertThat(only(Product.DOCKER_DESKTOP, "4.62.0 (195023)").verdict())
        .isEqualTo(VersionNote.Verdict.NOT_AFFECTED);
  }

  @Test
  void aVersionBeforeTheFirstAffectedOneIsNotAffected() {
    KnowledgeEntry sparse = KnowledgeBase.shipped().get("microsoft/WSL#13075").orElseThrow();

    List<VersionNote> older = VersionNote.check(sparse, Map.of(Product.WSL, "2.4.11.0"), "x runs");
    List<VersionNote> newer = VersionNote.check(sparse, Map.of(Product.WSL, "2.5.10.0"), "x runs");

    assertThat(older.getFirst().verdict()).isEqualTo(VersionNote.Verdict.NOT_AFFECTED);
    assertThat(newer.getFirst().verdict()).isEqualTo(VersionNote.Verdict.AFFECTED);
  }

  @Test
  void aFixInferredForThisIssueIsHedged() {
    KnowledgeEntry shim = KnowledgeBase.shipped().get("docker/for-win#13794").orElseThrow();

    VersionNote older =
        VersionNote.check(shim, Map.of(Product.DOCKER_DESKTOP, "4.25.0"), "x runs").getFirst();
    VersionNote newer =
        VersionNote.check(shim, Map.of(Product.DOCKER_DESKTOP, "4.26.1"), "x runs").getFirst();

    assertThat(older.verdict()).isEqualTo(VersionNote.Verdict.AFFECTED);
    assertThat(older.message())
        .isEqualTo(
            "Probably fixed in Docker Desktop 4.25.2 with the shim fix of docker/for-win#13800"
                + " (not confirmed for this issue); x runs 4.25.0, which is older: affected,"
                + " upgrade.");
    assertThat(newer.verdict()).isEqualTo(VersionNote.Verdict.NOT_AFFECTED);
    assertThat(newer.message())
        .endsWith("which has that fix: a hang there is likely something else.");
  }

  @Test
  void anIssueWithNoFixVersionSaysSo() {
    KnowledgeEntry vanished =
        KnowledgeBase.shipped().get("docker/desktop-feedback#522").orElseThrow();

    VersionNote note =
        VersionNote.check(vanished, Map.of(Product.DOCKER_DESKTOP, "4.82.0"), "x runs").getFirst();

    assertThat(note.verdict()).isEqualTo(VersionNote.Verdict.AFFECTED);
    assertThat(note.message())
        .isEqualTo(
            "Affects Docker Desktop 4.81 and later, with no fix version known; x runs 4.82.0:"
                + " affected.");
  }

  @Test
  void productsTheIssueDoesNotSpeakAboutGetNoNote() {
    assertThat(VersionNote.check(FREEZE, Map.of(Product.WINDOWS, "junk"), "x runs")).isEmpty();
  }
}
