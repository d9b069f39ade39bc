package dev.stallwatch.search;

import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;

/**
 * Facets of incidents: how many matching incidents have each rule, host, status, WSL version,
 * Docker Desktop version and reclaim mode. Each dimension is a sorted doc values field; counting is
 * per segment on ordinals, and labels are only looked up for the ordinals that were hit, so it
 * needs no global ordinal map to rebuild after every near-real-time refresh.
 */
final class IncidentFacets {

  /** Values shown per dimension, most frequent first. */
  static final int TOP_VALUES = 10;

  private static final Map<String, String> FIELDS = new LinkedHashMap<>();

  static {
    for (String dim : IndexFields.FACETS) {
      FIELDS.put(dim, "facet_" + dim);
    }
  }

  /** Counts per dimension and the exact number of incidents that matched. */
  record Counts(long total, Map<String, List<SearchResult.FacetValue>> dims) {}

  private IncidentFacets() {}

  static void add(Document doc, Incident incident) {
    HostContext context = incident.context();
    addValue(doc, IndexFields.FACET_RULE, incident.rule());
    addValue(doc, IndexFields.FACET_HOST, incident.host());
    addValue(doc, IndexFields.FACET_STATUS, incident.status().name().toLowerCase(Locale.ROOT));
    addValue(doc, IndexFields.FACET_WSL, context.wslVersion());
    addValue(doc, IndexFields.FACET_DOCKER, context.dockerDesktopVersion());
    addValue(doc, IndexFields.FACET_RECLAIM, context.autoMemoryReclaim());
  }

  private static void addValue(Document doc, String dim, String value) {
    if (value != null
        && !value.isBlank()
        && value.length() <= IncidentDocuments.MAX_KEYWORD_CHARS) {
      doc.add(new SortedDocValuesField(FIELDS.get(dim), new BytesRef(value.strip())));
    }
  }

  static Counts count(IndexSearcher searcher, Query query) throws IOException {
    return searcher.search(query, new CountingManager());
  }

  private static final class CountingManager implements CollectorManager<Counting, Counts> {
    @Override
    public Counting newCollector() {
      return new Counting();
    }

    @Override
    public Counts reduce(Collection<Counting> collectors) {
      Map<String, Map<String, Long>> merged = new LinkedHashMap<>();
      long total = 0;
      for (Counting c : collectors) {
        total += c.total;
        c.labels.forEach(
            (dim, values) -> {
              Map<String, Long> into = merged.computeIfAbsent(dim, d -> new HashMap<>());
              values.forEach((value, n) -> into.merge(value, n, Long::sum));
            });
      }
      Map<String, List<SearchResult.FacetValue>> dims = new LinkedHashMap<>();
      for (String dim : IndexFields.FACETS) {
        Map<String, Long> values = merged.getOrDefault(dim, Map.of());
        dims.put(dim, top(values));
      }
      return new Counts(total, dims);
    }

    private static List<SearchResult.FacetValue> top(Map<String, Long> values) {
      List<SearchResult.FacetValue> out = new ArrayList<>();
      values.forEach((value, n) -> out.add(new SearchResult.FacetValue(value, n)));
      out.sort(
          Comparator.comparingLong(SearchResult.FacetValue::count)
              .reversed()
              .thenComparing(SearchResult.FacetValue::value));
      return out.size() > TOP_VALUES ? List.copyOf(out.subList(0, TOP_VALUES)) : out;
    }
  }

  /** Counts ordinals per segment; resolves them to labels when the segment is done. */
  private static final class Counting implements Collector {
    private final Map<String, Map<String, Long>> labels = new HashMap<>();
    private long total;

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      String[] dims = FIELDS.keySet().toArray(String[]::new);
      SortedDocValues[] values = new SortedDocValues[dims.length];
      int[][] counts = new int[dims.length][];
      for (int i = 0; i < dims.length; i++) {
        values[i] = DocValues.getSorted(context.reader(), FIELDS.get(dims[i]));
        counts[i] = new int[values[i].getValueCount()];
      }
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {
          // Counting needs no scores.
        }

        @Override
        public void collect(int doc) throws IOException {
          total++;
          for (int i = 0; i < values.length; i++) {
            if (values[i].advanceExact(doc)) {
              counts[i][values[i].ordValue()]++;
            }
          }
        }

        @Override
        public void finish() throws IOException {
          for (int i = 0; i < dims.length; i++) {
            Map<String, Long> into = labels.computeIfAbsent(dims[i], d -> new HashMap<>());
            for (int ord = 0; ord < counts[i].length; ord++) {
              if (counts[i][ord] > 0) {
                String label = values[i].lookupOrd(ord).utf8ToString();
                into.merge(label, (long) counts[i][ord], Long::sum);
              }
            }
          }
        }
      };
    }
  }
}
