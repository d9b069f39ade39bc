package dev.stallwatch.search;

import dev.stallwatch.model.Incident;
import dev.stallwatch.search.kb.VersionNote;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Incidents that match a search, best first, with the known issues that match the same text and the
 * facets of all matching incidents.
 *
 * @param query the text as the user typed it
 * @param total how many incidents match in all, of which {@code hits} are the first
 * @param totalExact false when {@code total} is a lower bound (counting stopped early)
 * @param knownIssues the best matching known issues, empty unless asked for
 * @param facets per dimension the most frequent values among all matches; empty unless asked for
 * @param ordering how {@code hits} are ordered: by relevance, or newest first (asked for, or
 *     because every word of the text is in nearly every incident, so relevance could not tell them
 *     apart)
 */
public record SearchResult(
    String query,
    long total,
    boolean totalExact,
    List<Hit> hits,
    List<KnowledgeHit> knownIssues,
    Map<String, List<FacetValue>> facets,
    SearchRequest.Order ordering) {

  public SearchResult {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(ordering, "ordering");
    hits = List.copyOf(hits);
    knownIssues = List.copyOf(knownIssues);
    facets = facets == null ? Map.of() : facets;
  }

  /**
   * One matching incident.
   *
   * @param score Lucene's relevance score; only comparable within one result
   * @param highlights the passages of the incident that match, matches marked
   * @param issues the incident's known issues, with what the host's versions mean for each
   */
  public record Hit(
      Incident incident, float score, List<Highlight> highlights, List<IssueNote> issues) {

    public Hit {
      Objects.requireNonNull(incident, "incident");
      highlights = List.copyOf(highlights);
      issues = List.copyOf(issues);
    }

    public Hit(Incident incident, float score) {
      this(incident, score, List.of(), List.of());
    }
  }

  /**
   * A known issue an incident points to, checked against the host's versions.
   *
   * @param title null when the issue is not in the knowledge base
   * @param versionNotes e.g. "Fixed in Docker Desktop 4.43.0; dev-anna runs 4.42.0, which is older:
   *     affected, upgrade."
   */
  public record IssueNote(String id, String url, String title, List<VersionNote> versionNotes) {

    public IssueNote {
      versionNotes = List.copyOf(versionNotes);
    }
  }

  /** One value of a facet and how many matching incidents have it. */
  public record FacetValue(String value, long count) {}
}
