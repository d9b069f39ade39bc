package dev.stallwatch.search;

import dev.stallwatch.model.Incident;
import dev.stallwatch.search.kb.KnowledgeBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * The searchable incidents and known issues of one server, near-real-time: writes go to an {@link
 * IndexWriter} and become visible to reads after the next {@link #refresh()}. The {@link
 * IncidentIndexer} refreshes after every batch it reads; other writers call {@code refresh()}
 * themselves. All methods are thread-safe.
 *
 * <p>Incidents are a view of {@code stallwatch.incidents}. A commit can carry a checkpoint (the
 * topic offsets the committed incidents reflect), so a restart resumes from there instead of
 * rebuilding; an index written with another field layout ({@link IndexFields#SCHEMA}) is discarded
 * and rebuilt. The knowledge base is written anew at every open.
 */
public final class IncidentIndex implements AutoCloseable {

  /** The commit data key of the field layout. */
  static final String SCHEMA_KEY = CheckpointedWriter.SCHEMA_KEY;

  private final Directory directory;
  private final boolean ownsDirectory;
  private final Analyzer indexAnalyzer;
  private final Analyzer queryAnalyzer;
  private final CheckpointedWriter writer;
  private final Searchers searchers;
  private final KnowledgeBase knowledge;
  private final IndexSearches searches;

  /**
   * An index in {@code directory} with the shipped knowledge base; the directory stays the caller's
   * to close (after this index).
   *
   * @throws UncheckedIOException if the directory cannot be written
   */
  public IncidentIndex(Directory directory) {
    this(directory, KnowledgeBase.shipped());
  }

  /** An index in {@code directory} holding {@code knowledge} and the incidents written to it. */
  public IncidentIndex(Directory directory, KnowledgeBase knowledge) {
    this(directory, knowledge, false, Clock.systemUTC());
  }

  IncidentIndex(Directory directory, KnowledgeBase knowledge, boolean owns, Clock clock) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
    this.ownsDirectory = owns;
    this.indexAnalyzer = Analyzers.index();
    this.queryAnalyzer = Analyzers.query();
    try {
      this.writer = CheckpointedWriter.open(directory, indexAnalyzer);
      writer.replaceKnowledge(knowledge);
      this.searchers = new Searchers(writer.indexWriter());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the index in " + directory, e);
    }
    this.searches = new IndexSearches(indexAnalyzer, queryAnalyzer, knowledge, clock);
  }

  /**
   * The index in the file system directory {@code path} (created if missing), with the shipped
   * knowledge base; what an earlier run committed there is kept (see {@link #checkpoint()}).
   *
   * @throws UncheckedIOException if the directory cannot be created or written
   */
  public static IncidentIndex open(Path path) {
    return open(path, KnowledgeBase.shipped());
  }

  /** Like {@link #open(Path)}, with this knowledge base. */
  public static IncidentIndex open(Path path, KnowledgeBase knowledge) {
    try {
      return new IncidentIndex(FSDirectory.open(path), knowledge, true, Clock.systemUTC());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the index in " + path, e);
    }
  }

  /** An index in memory holding only {@code knowledge}, for searching it without a server. */
  public static IncidentIndex inMemory(KnowledgeBase knowledge) {
    IncidentIndex index =
        new IncidentIndex(new ByteBuffersDirectory(), knowledge, true, Clock.systemUTC());
    index.refresh();
    return index;
  }

  public KnowledgeBase knowledgeBase() {
    return knowledge;
  }

  /**
   * Adds the incident, replacing any earlier version with the same id.
   *
   * @throws IllegalArgumentException if the incident cannot be indexed (a keyword is too long)
   */
  public void upsert(Incident incident) {
    io(() -> writer.upsert(incident));
  }

  /** Removes the incident with this id, if there is one. */
  public void delete(String id) {
    io(() -> writer.delete(id));
  }

  /** Removes every incident and forgets the checkpoint, before a rebuild from the topic. */
  public void clearIncidents() {
    io(writer::clearIncidents);
  }

  /** Makes every write so far visible to searches; returns once it is. */
  public void refresh() {
    io(searchers::refresh);
  }

  /** Writes every change to the directory durably, keeping the last checkpoint. */
  public void commit() {
    io(writer::commit);
  }

  /**
   * Writes every change durably together with {@code checkpoint}: what the committed incidents
   * reflect (for the indexer, the next offset of each partition), handed back by {@link
   * #checkpoint()} after a restart.
   */
  public void commit(Map<String, String> checkpoint) {
    io(() -> writer.commit(checkpoint));
  }

  /** The checkpoint of the last commit (or of the one being prepared); empty after a rebuild. */
  public Map<String, String> checkpoint() {
    return writer.checkpoint();
  }

  /** Up to {@code limit} incidents, the most recently opened first. */
  public List<Incident> recent(int limit) {
    return recent(0, limit);
  }

  /**
   * Up to {@code limit} incidents after the {@code offset} most recently opened ones, newest first:
   * the page of {@link #recent(int)} that starts at {@code offset}.
   *
   * @param offset 0 to {@link SearchRequest#MAX_OFFSET}
   */
  public List<Incident> recent(int offset, int limit) {
    requirePositive(limit);
    if (offset < 0 || offset > SearchRequest.MAX_OFFSET) {
      throw new IllegalArgumentException(
          "offset must be within 0.." + SearchRequest.MAX_OFFSET + ", was " + offset);
    }
    return withSearcher(s -> searches.recent(s, offset, limit));
  }

  public Optional<Incident> get(String id) {
    return withSearcher(s -> searches.get(s, id));
  }

  /**
   * The incidents matching what a user typed, most relevant first, for example {@code apt hang
   * gradual}, {@code "Resource Saver"} or {@code host:dev-laptop-07 status:open}.
   *
   * @throws QueryException if the text is empty or not a valid query
   */
  public SearchResult search(String text, int limit) {
    requirePositive(limit);
    if (text == null || text.isBlank()) {
      throw new QueryException("The query is empty; type the words to search for.");
    }
    return search(SearchRequest.of(text, limit));
  }

  /**
   * Incidents for a request, with highlights, facets and the matching known issues as asked.
   *
   * @throws QueryException if the text is not a valid query, or is empty with no filter
   */
  public SearchResult search(SearchRequest request) {
    return withSearcher(s -> searches.search(s, request));
  }

  /**
   * The known issues matching a symptom, best first, with what the versions named in the text mean
   * for each.
   *
   * @throws QueryException if the text is empty or not a valid query
   */
  public List<KnowledgeHit> searchKnowledge(String text, int limit) {
    requirePositive(limit);
    return withSearcher(s -> searches.knowledge(s, text, limit));
  }

  /**
   * Up to {@code limit} other incidents that look like the incident {@code id}, most alike first.
   */
  public Optional<List<SearchResult.Hit>> similar(String id, int limit) {
    requirePositive(limit);
    return withSearcher(
        s -> {
          Optional<Incident> incident = searches.get(s, id);
          return incident.isEmpty()
              ? Optional.empty()
              : Optional.of(searches.similar(s, incident.get(), limit));
        });
  }

  /**
   * The known issues of an incident, checked against its host's versions; when it names none, the
   * known issues that best match its text.
   */
  public List<KnowledgeHit> knowledgeFor(Incident incident, int limit) {
    requirePositive(limit);
    return withSearcher(s -> searches.knowledgeFor(s, incident, limit));
  }

  /** How many incidents searches currently see. */
  public long count() {
    return withSearcher(searches::count);
  }

  /** Commits what was written and releases the index (and the directory, if opened here). */
  @Override
  public void close() {
    try {
      // Searchers first, then the writer, which commits on close; each is closed even if one fails.
      IOUtils.close(
          searchers, writer, indexAnalyzer, queryAnalyzer, ownsDirectory ? directory : null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the index", e);
    }
  }

  private <T> T withSearcher(Searchers.SearcherFunction<T> function) {
    try {
      return searchers.apply(function);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the index", e);
    }
  }

  private static void io(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException("index I/O failed", e);
    }
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }
}
