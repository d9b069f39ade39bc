package dev.stallwatch.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stallwatch.model.Incident;
import dev.stallwatch.search.kb.VersionNote;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * @param selection what selected the incidents: the words and the filters read from the request
 * @param offset how many matches come before {@code hits}
 * @param nextOffset the {@code offset} of the next page; null (written as such, not left out) when
 *     this page is the last one, or the next would start past {@link SearchRequest#MAX_OFFSET}
 */
public record SearchResult(
    String query,
    long total,
    boolean totalExact,
    List<Hit> hits,
    List<KnowledgeHit> knownIssues,
    Map<String, List<FacetValue>> facets,
    SearchRequest.Order ordering,
    Selection selection,
    int offset,
    @JsonInclude(JsonInclude.Include.ALWAYS) Integer nextOffset) {

  public SearchResult {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(ordering, "ordering");
    Objects.requireNonNull(selection, "selection");
    hits = List.copyOf(hits);
    knownIssues = List.copyOf(knownIssues);
    facets = facets == null ? Map.of() : facets;
  }

  /**
   * What selected the incidents, so a page can say what a list is: with no words, "every incident
   * of dev-anna, newest first", not a ranking.
   *
   * @param words the text without its filters; blank when the filters alone selected
   * @param filters per filter given ({@code host}, {@code rule}, {@code status}, {@code since}) its
   *     values, e.g. {@code {"host": ["dev-anna"], "since": ["24h"]}}
   */
  public record Selection(String words, Map<String, List<String>> filters) {

    public Selection {
      Objects.requireNonNull(words, "words");
      filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }
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
