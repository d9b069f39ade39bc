package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.streams.correlation.rules.Rule;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped rules and the shipped knowledge base ship together: an incident's known issues are
 * looked up in the knowledge base, so an id a rule cites with no entry behind it is a dead link in
 * every incident of that rule.
 */
class RulesCiteKnownIssuesTest {

  private final KnowledgeBase knowledge = KnowledgeBase.shipped();

  @Test
  void shouldHaveAKnowledgeBaseEntryForEveryIssueARuleCites() {
    List<String> dangling =
        RuleBook.shipped().rules().stream()
            .flatMap(
                rule ->
                    rule.knownIssues().stream()
                        .map(KnownIssueRef::id)
                        .filter(id -> knowledge.get(id).isEmpty())
                        .map(id -> rule.id() + " cites " + id))
            .toList();

    assertThat(dangling).as("issues the rules cite without a knowledge base entry").isEmpty();
  }

  @Test
  void shouldNotCiteThePullRequestThatOnlyProposedAFixForGradualLag() {
    assertThat(RuleBook.shipped().rules())
        .flatExtracting(Rule::knownIssues)
        .extracting(KnownIssueRef::id)
        .doesNotContain("microsoft/WSL#13154");
  }
}
