package dev.stallwatch.search.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kb import}: GitHub issue JSON becomes unreviewed entries; pull requests are refused. */
class GitHubIssuesTest {

  private static final String ISSUE =
      """
      {"html_url": "https://github.com/acme/devbox/issues/42", "number": 42,
       "title": "Terminal hangs after lunch", "state": "open",
       "created_at": "2026-03-02T08:00:00Z", "body": "The shell freezes after an hour idle."}
      """;

  private static List<KnowledgeEntry> read(String json) {
    return GitHubIssues.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "issues.json");
  }

  @Test
  void anImportedIssueIsMarkedUnreviewed() {
    KnowledgeEntry entry = read(ISSUE).getFirst();

    assertThat(entry.reviewed()).isFalse();
    assertThat(entry.source()).isEqualTo(KnowledgeEntry.IMPORTED);
    assertThat(entry.url()).isEqualTo("https://github.com/acme/devbox/issues/42");
  }

  @Test
  void itStaysUnreviewedWhenWrittenAndReadBack(@TempDir Path kbDir) {
    KnowledgeBase.writeImported(kbDir, read(ISSUE));

    assertThat(KnowledgeBase.readImported(kbDir).getFirst().reviewed()).isFalse();
  }

  @Test
  void aPullRequestIsRefusedNamingIt() {
    String pullRequest =
        """
        [{"html_url": "https://github.com/microsoft/WSL/pull/13154", "number": 13154,
          "title": "Use hard time limit on gradual memory reclaim", "state": "closed",
          "pull_request": {"url": "https://api.github.com/repos/microsoft/WSL/pulls/13154"}}]
        """;

    assertThatThrownBy(() -> read(pullRequest))
        .isInstanceOf(KnowledgeBaseException.class)
        .hasMessageStartingWith(
            "issues.json: issue 1 (#13154): pull_request: this is a pull request");
  }
}
