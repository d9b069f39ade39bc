package dev.stallwatch.search;

import dev.stallwatch.model.Incident;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * The searchable incidents of one server, near-real-time: writes go to an {@link IndexWriter} and
 * become visible to {@link #recent}, {@link #get}, {@link #search} and {@link #count} after the
 * next {@link #refresh()}. The {@link IncidentIndexer} refreshes after every batch it reads; other
 * writers call {@code refresh()} themselves. All methods are thread-safe.
 *
 * <p>The index is a projection of {@code stallwatch.incidents}, which is the source of truth: it
 * starts empty and is rebuilt from the topic, so opening it discards what the directory held.
 */
public final class IncidentIndex implements AutoCloseable {

  private static final Sort NEWEST_FIRST =
      new Sort(
          new SortField(IncidentFields.OPENED_AT, SortField.Type.LONG, true),
          new SortField(IncidentFields.ID, SortField.Type.STRING));

  private final Directory directory;
  private final boolean ownsDirectory;
  private final Analyzer analyzer;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final IncidentQueryParser parser;

  /**
   * An empty index in {@code directory}, which stays the caller's to close (after this index).
   *
   * @throws UncheckedIOException if the directory cannot be written
   */
  public IncidentIndex(Directory directory) {
    this(directory, false);
  }

  private IncidentIndex(Directory directory, boolean ownsDirectory) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.ownsDirectory = ownsDirectory;
    this.analyzer = Analyzers.incidents();
    this.parser = new IncidentQueryParser(analyzer);
    try {
      var config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      this.writer = new IndexWriter(directory, config);
      this.searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the incident index in " + directory, e);
    }
  }

  /**
   * An empty index in the file system directory {@code path} (created if missing), closed with this
   * index.
   *
   * @throws UncheckedIOException if the directory cannot be created or written
   */
  public static IncidentIndex open(Path path) {
    try {
      return new IncidentIndex(FSDirectory.open(path), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the incident index in " + path, e);
    }
  }

  /**
   * Adds the incident, replacing any earlier version with the same id.
   *
   * @throws IllegalArgumentException if the incident cannot be indexed (a keyword is too long)
   */
  public void upsert(Incident incident) {
    var doc = IncidentDocuments.toDocument(incident);
    io(() -> writer.updateDocument(new Term(IncidentFields.ID, incident.id()), doc));
  }

  /** Removes the incident with this id, if there is one. */
  public void delete(String id) {
    io(() -> writer.deleteDocuments(new Term(IncidentFields.ID, id)));
  }

  /** Makes every write so far visible to searches; returns once it is. */
  public void refresh() {
    io(searchers::maybeRefreshBlocking);
  }

  /** Writes every change to the directory durably. */
  public void commit() {
    io(writer::commit);
  }

  /** Up to {@code limit} incidents, the most recently opened first. */
  public List<Incident> recent(int limit) {
    requirePositive(limit);
    return withSearcher(
        s -> incidents(s, s.search(MatchAllDocsQuery.INSTANCE, limit, NEWEST_FIRST)));
  }

  public Optional<Incident> get(String id) {
    Query query = new TermQuery(new Term(IncidentFields.ID, id));
    return withSearcher(s -> incidents(s, s.search(query, 1)).stream().findFirst());
  }

  /**
   * The incidents matching what a user typed, most relevant first, for example {@code apt hang
   * gradual}, {@code "Resource Saver"} or {@code host:dev-laptop-07 status:open}.
   *
   * @throws QueryException if the text is empty or not a valid query
   */
  public SearchResult search(String text, int limit) {
    requirePositive(limit);
    Query query = parser.parse(text);
    return withSearcher(
        searcher -> {
          TopDocs top = scored(searcher, query, limit);
          List<Incident> incidents = incidents(searcher, top);
          List<SearchResult.Hit> hits = new ArrayList<>(incidents.size());
          for (int i = 0; i < incidents.size(); i++) {
            hits.add(new SearchResult.Hit(incidents.get(i), top.scoreDocs[i].score));
          }
          return new SearchResult(text, top.totalHits.value(), hits);
        });
  }

  /** The best hits, with every match counted: by default Lucene stops counting at 1000. */
  private static TopDocs scored(IndexSearcher searcher, Query query, int limit) throws IOException {
    try {
      return searcher.search(query, new TopScoreDocCollectorManager(limit, Integer.MAX_VALUE));
    } catch (IndexSearcher.TooManyClauses e) {
      throw new QueryException("The query matches too many terms; make it more specific.");
    }
  }

  /** How many incidents searches currently see. */
  public long count() {
    return withSearcher(s -> (long) s.getIndexReader().numDocs());
  }

  /** Commits what was written and releases the index (and the directory, if opened here). */
  @Override
  public void close() {
    try {
      // Searchers first, then the writer, which commits on close; each is closed even if one fails.
      IOUtils.close(searchers, writer, analyzer, ownsDirectory ? directory : null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the incident index", e);
    }
  }

  private static List<Incident> incidents(IndexSearcher searcher, TopDocs top) throws IOException {
    StoredFields stored = searcher.storedFields();
    List<Incident> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc scoreDoc : top.scoreDocs) {
      out.add(IncidentDocuments.fromStored(stored.document(scoreDoc.doc)));
    }
    return out;
  }

  private <T> T withSearcher(SearcherFunction<T> function) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return function.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the incident index", e);
    }
  }

  private static void io(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException("incident index I/O failed", e);
    }
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }

  @FunctionalInterface
  private interface SearcherFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }
}
