package dev.stallwatch.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Finds the passages of a hit that match the query, with Lucene's unified highlighter re-analyzing
 * the hit's text (the index stores only the incident JSON, so nothing is stored twice). Passages
 * come back as {@link Highlight} spans, never as markup: log text is attacker-controlled.
 */
final class Highlights {

  /** Passages returned per hit at most. */
  static final int MAX_PER_HIT = 3;

  private final UnifiedHighlighter highlighter;

  Highlights(Analyzer indexAnalyzer) {
    this.highlighter =
        UnifiedHighlighter.builderWithoutSearcher(indexAnalyzer)
            .withFormatter(new SpanFormatter())
            .withMaxNoHighlightPassages(0)
            .withMaxLength(10_000)
            .build();
  }

  /** The matching passages among {@code texts} (field to values), in field order. */
  List<Highlight> of(Query query, Map<String, List<String>> texts) {
    List<Highlight> out = new ArrayList<>();
    try {
      for (Map.Entry<String, List<String>> field : texts.entrySet()) {
        for (String value : field.getValue()) {
          if (out.size() >= MAX_PER_HIT) {
            return out;
          }
          if (value != null && !value.isBlank()) {
            Object spans = highlighter.highlightWithoutSearcher(field.getKey(), query, value, 1);
            if (spans instanceof SpanList list && !list.spans().isEmpty()) {
              out.add(new Highlight(field.getKey(), list.spans()));
            }
          }
        }
      }
    } catch (IOException e) {
      // Analysis of an in-memory string: an IOException here is a bug, not bad input.
      throw new UncheckedIOException("cannot highlight a hit", e);
    }
    return out;
  }

  private record SpanList(List<Highlight.Span> spans) {}

  /** Cuts the best passage into plain and matching spans. */
  private static final class SpanFormatter extends PassageFormatter {

    @Override
    public Object format(Passage[] passages, String content) {
      List<Highlight.Span> spans = new ArrayList<>();
      for (Passage passage : passages) {
        if (passage.getNumMatches() == 0) {
          continue;
        }
        int pos = passage.getStartOffset();
        int[] starts = passage.getMatchStarts();
        int[] ends = passage.getMatchEnds();
        for (int i = 0; i < passage.getNumMatches(); i++) {
          int start = Math.max(starts[i], pos);
          int end = ends[i];
          // Overlapping matches (a term and its parts) extend the previous mark.
          if (end <= pos) {
            continue;
          }
          if (start > pos) {
            spans.add(new Highlight.Span(content.substring(pos, start), false));
          }
          spans.add(new Highlight.Span(content.substring(start, end), true));
          pos = end;
        }
        if (pos < passage.getEndOffset()) {
          spans.add(new Highlight.Span(content.substring(pos, passage.getEndOffset()), false));
        }
      }
      return new SpanList(merge(spans));
    }

    private static List<Highlight.Span> merge(List<Highlight.Span> spans) {
      List<Highlight.Span> out = new ArrayList<>();
      for (Highlight.Span span : spans) {
        if (!out.isEmpty() && out.getLast().match() == span.match()) {
          Highlight.Span last = out.removeLast();
          out.add(new Highlight.Span(last.text() + span.text(), span.match()));
        } else {
          out.add(span);
        }
      }
      return out;
    }
  }
}
