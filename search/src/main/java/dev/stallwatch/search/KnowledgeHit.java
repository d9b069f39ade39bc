package dev.stallwatch.search;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.stallwatch.search.kb.KnowledgeEntry;
import dev.stallwatch.search.kb.VersionNote;
import java.util.List;
import java.util.Objects;

/**
 * A known issue that matches a search. In JSON the entry's fields ({@code id}, {@code title},
 * {@code url}, ...) sit next to {@code score}, {@code highlights} and {@code versionNotes}.
 *
 * @param score Lucene's relevance score; only comparable within one result
 * @param versionNotes what the versions named in the query (or the incident's host) mean for it
 */
public record KnowledgeHit(
    @JsonUnwrapped KnowledgeEntry entry,
    float score,
    List<Highlight> highlights,
    List<VersionNote> versionNotes) {

  public KnowledgeHit {
    Objects.requireNonNull(entry, "entry");
    highlights = List.copyOf(highlights);
    versionNotes = List.copyOf(versionNotes);
  }
}
