package dev.stallwatch.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * Marks where a hit matches the query: the hit's text is analyzed again with the index analyzer and
 * every term the query looks for in that field is marked, in a passage around the first match. This
 * is a term highlighter (a phrase's words are marked wherever they occur), chosen over Lucene's
 * unified highlighter because it needs no in-memory index per value, which on this short text cost
 * more than the search itself. Passages come back as {@link Highlight} spans, never as markup: log
 * text is attacker-controlled.
 */
final class Highlights {

  /** Passages returned per hit at most. */
  static final int MAX_PER_HIT = 3;

  /** Characters of context kept around the matches of a long value. */
  static final int CONTEXT_CHARS = 90;

  private final Analyzer indexAnalyzer;

  Highlights(Analyzer indexAnalyzer) {
    this.indexAnalyzer = indexAnalyzer;
  }

  /** The terms a query looks for, per field, excluding those it must not contain. */
  static Map<String, Set<String>> terms(Query query) {
    Map<String, Set<String>> out = new HashMap<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public void consumeTerms(Query q, Term... terms) {
            for (Term t : terms) {
              out.computeIfAbsent(t.field(), f -> new HashSet<>()).add(t.text());
            }
          }

          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
          }
        });
    return out;
  }

  /** The matching passages among {@code texts} (field to values), in field order. */
  List<Highlight> of(Map<String, Set<String>> terms, Map<String, List<String>> texts) {
    List<Highlight> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> field : texts.entrySet()) {
      Set<String> wanted = terms.get(field.getKey());
      if (wanted == null) {
        continue;
      }
      for (String value : field.getValue()) {
        if (out.size() >= MAX_PER_HIT) {
          return out;
        }
        if (value != null && !value.isBlank()) {
          List<int[]> marks = marks(field.getKey(), value, wanted);
          if (!marks.isEmpty()) {
            out.add(new Highlight(field.getKey(), spans(value, marks)));
          }
        }
      }
    }
    return out;
  }

  private List<int[]> marks(String field, String value, Set<String> wanted) {
    List<int[]> marks = new ArrayList<>();
    try (TokenStream stream = indexAnalyzer.tokenStream(field, value)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (wanted.contains(term.toString())) {
          int start = offset.startOffset();
          int end = offset.endOffset();
          if (!marks.isEmpty() && start <= marks.getLast()[1]) {
            marks.getLast()[1] = Math.max(marks.getLast()[1], end);
          } else {
            marks.add(new int[] {start, end});
          }
        }
      }
      stream.end();
    } catch (IOException e) {
      // Analysis of an in-memory string: an IOException here is a bug, not bad input.
      throw new UncheckedIOException("cannot highlight a hit", e);
    }
    return marks;
  }

  /** The value cut around its marks, as plain and marked spans. */
  private static List<Highlight.Span> spans(String value, List<int[]> marks) {
    int from = Math.max(0, marks.getFirst()[0] - CONTEXT_CHARS);
    int to = Math.min(value.length(), marks.getLast()[1] + CONTEXT_CHARS);
    from = wordStart(value, from);
    to = wordEnd(value, to);
    List<Highlight.Span> out = new ArrayList<>();
    int pos = from;
    for (int[] mark : marks) {
      if (mark[0] >= to) {
        break;
      }
      if (mark[0] > pos) {
        out.add(new Highlight.Span(value.substring(pos, mark[0]), false));
      }
      out.add(new Highlight.Span(value.substring(mark[0], Math.min(mark[1], to)), true));
      pos = Math.min(mark[1], to);
    }
    if (pos < to) {
      out.add(new Highlight.Span(value.substring(pos, to), false));
    }
    if (from > 0) {
      out.addFirst(new Highlight.Span("…", false));
    }
    if (to < value.length()) {
      out.add(new Highlight.Span("…", false));
    }
    return out;
  }

  private static int wordStart(String value, int at) {
    int i = at;
    while (i > 0 && !Character.isWhitespace(value.charAt(i - 1)) && at - i < 20) {
      i--;
    }
    return i;
  }

  private static int wordEnd(String value, int at) {
    int i = at;
    while (i < value.length() && !Character.isWhitespace(value.charAt(i)) && i - at < 20) {
      i++;
    }
    return i;
  }
}
