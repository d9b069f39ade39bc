package dev.stallwatch.search;

import dev.stallwatch.model.Incident;
import java.util.List;
import java.util.Objects;

/**
 * Incidents that match a search text, best first.
 *
 * @param query the text as the user typed it
 * @param total how many incidents match in all, of which {@code hits} are the first
 */
public record SearchResult(String query, long total, List<Hit> hits) {

  public SearchResult {
    Objects.requireNonNull(query, "query");
    hits = List.copyOf(hits);
  }

  /**
   * One matching incident.
   *
   * @param score Lucene's relevance score; only comparable within one result
   */
  public record Hit(Incident incident, float score) {

    public Hit {
      Objects.requireNonNull(incident, "incident");
    }
  }
}
