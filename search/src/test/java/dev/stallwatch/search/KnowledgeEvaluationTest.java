package dev.stallwatch.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.search.kb.KnowledgeBase;
import org.junit.jupiter.api.Test;

/** The shipped knowledge base answers the shipped symptom queries well enough (issue 5). */
class KnowledgeEvaluationTest {

  @Test
  void shouldFindARightIssueInTheTopThreeForNineQueriesOutOfTen() {
    var cases = KnowledgeEvaluation.shippedSet();
    KnowledgeEvaluation.Report report = KnowledgeEvaluation.run(KnowledgeBase.shipped(), cases);

    StringBuilder misses = new StringBuilder();
    report.outcomes().stream()
        .filter(o -> o.rank() == 0 || o.rank() > 3)
        .forEach(
            o ->
                misses
                    .append("\n  ")
                    .append(o.query().query())
                    .append(" -> rank ")
                    .append(o.rank())
                    .append(' ')
                    .append(o.top().subList(0, Math.min(3, o.top().size()))));
    System.out.println("knowledge base evaluation: " + report.summary() + misses);
    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    assertThat(report.recallAt(3)).as("recall@3; misses:%s", misses).isGreaterThanOrEqualTo(0.9);
  }
}
