package dev.stallwatch.search;

import java.util.List;

/**
 * A passage of one field of a hit, cut into spans of plain text, the spans that matched the query
 * marked. Nothing here is markup: a page shows each span as text and marks matches itself.
 *
 * @param field the index field the passage comes from, e.g. {@code evidence}
 */
public record Highlight(String field, List<Span> spans) {

  public Highlight {
    spans = List.copyOf(spans);
  }

  /** A run of text, and whether it matched. */
  public record Span(String text, boolean match) {}

  /** The passage as plain text, with matches between the given marks. */
  public String render(String before, String after) {
    StringBuilder out = new StringBuilder();
    for (Span span : spans) {
      out.append(span.match() ? before + span.text() + after : span.text());
    }
    return out.toString();
  }
}
