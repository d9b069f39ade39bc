package dev.stallwatch.search;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.search.kb.KnowledgeBaseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How well the knowledge base search answers symptom queries: for each query of an evaluation set,
 * the rank of the first right issue among the results. A query is found at k when a right issue is
 * among the first k; recall@k is the share of queries found at k, and MRR the mean of 1 / rank (0
 * when no right issue is in the first {@link #DEPTH}). The shipped set is {@value #SHIPPED_SET}.
 */
public final class KnowledgeEvaluation {

  static final String SHIPPED_SET = "/dev/stallwatch/search/kb/eval-queries.yaml";

  /** How deep the results are looked at. */
  public static final int DEPTH = 10;

  /**
   * One query of the set.
   *
   * @param relevant the ids of the issues that answer it
   */
  public record Case(String query, List<String> relevant) {

    public Case {
      Objects.requireNonNull(query, "query");
      relevant = List.copyOf(relevant);
    }
  }

  /**
   * What one query got.
   *
   * @param rank 1-based rank of the first right issue, 0 when none is in the first {@link #DEPTH}
   * @param top the ids returned, best first
   */
  public record Outcome(Case query, int rank, List<String> top) {}

  /** The figures over the whole set. */
  public record Report(List<Outcome> outcomes) {

    public Report {
      outcomes = List.copyOf(outcomes);
    }

    public double recallAt(int k) {
      return outcomes.stream().filter(o -> o.rank() > 0 && o.rank() <= k).count()
          / (double) outcomes.size();
    }

    public double meanReciprocalRank() {
      return outcomes.stream()
          .mapToDouble(o -> o.rank() == 0 ? 0 : 1.0 / o.rank())
          .average()
          .orElse(0);
    }

    /** {@code recall@1 0.800 recall@3 0.940 MRR 0.862 (50 queries)}. */
    public String summary() {
      return String.format(
          Locale.ROOT,
          "recall@1 %.3f  recall@3 %.3f  MRR %.3f  (%d queries)",
          recallAt(1),
          recallAt(3),
          meanReciprocalRank(),
          outcomes.size());
    }
  }

  private KnowledgeEvaluation() {}

  /** The shipped evaluation set. */
  public static List<Case> shippedSet() {
    try (InputStream in = KnowledgeEvaluation.class.getResourceAsStream(SHIPPED_SET)) {
      if (in == null) {
        throw new KnowledgeBaseException("the shipped evaluation set is missing from the jar");
      }
      return readSet(in, "eval-queries.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the evaluation set", e);
    }
  }

  /**
   * An evaluation set: a YAML list under {@code queries} of {@code query} and {@code relevant}.
   *
   * @throws KnowledgeBaseException naming the query and the field when the file is not valid
   */
  public static List<Case> readSet(InputStream in, String name) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (JacksonException e) {
      throw new KnowledgeBaseException(name + ": not valid YAML (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
    if (root == null || !root.path("queries").isArray()) {
      throw new KnowledgeBaseException(name + ": must hold a list under 'queries'");
    }
    List<Case> cases = new ArrayList<>();
    JsonNode list = root.get("queries");
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String label = "%s: query %d".formatted(name, i + 1);
      String query = node.path("query").asText("");
      if (query.isBlank()) {
        throw new KnowledgeBaseException(label + ": query: is required");
      }
      List<String> relevant = new ArrayList<>();
      node.path("relevant").forEach(id -> relevant.add(id.asText()));
      if (relevant.isEmpty()) {
        throw new KnowledgeBaseException(label + ": relevant: needs at least one issue id");
      }
      cases.add(new Case(query, relevant));
    }
    return cases;
  }

  /**
   * Runs {@code cases} against {@code knowledge}, indexed in memory exactly as a server indexes it.
   *
   * @throws KnowledgeBaseException if a query names an issue the knowledge base does not have
   */
  public static Report run(KnowledgeBase knowledge, List<Case> cases) {
    for (Case c : cases) {
      for (String id : c.relevant()) {
        if (knowledge.get(id).isEmpty()) {
          throw new KnowledgeBaseException(
              "evaluation query '%s': relevant: %s is not in the knowledge base"
                  .formatted(c.query(), id));
        }
      }
    }
    List<Outcome> outcomes = new ArrayList<>();
    try (IncidentIndex index = IncidentIndex.inMemory(knowledge)) {
      for (Case c : cases) {
        List<String> top =
            index.searchKnowledge(c.query(), DEPTH).stream().map(h -> h.entry().id()).toList();
        int rank = 0;
        for (int i = 0; i < top.size() && rank == 0; i++) {
          String id = top.get(i);
          if (c.relevant().stream().anyMatch(r -> r.equalsIgnoreCase(id))) {
            rank = i + 1;
          }
        }
        outcomes.add(new Outcome(c, rank, top));
      }
    }
    return new Report(outcomes);
  }
}
