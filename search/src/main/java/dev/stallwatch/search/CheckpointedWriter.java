package dev.stallwatch.search;

import dev.stallwatch.model.Incident;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.search.kb.KnowledgeEntry;
import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;

/**
 * The write side of {@link IncidentIndex}: one {@link IndexWriter} whose every commit, even the one
 * on close, records the field layout that wrote it ({@link IndexFields#SCHEMA}) and the checkpoint
 * the committed incidents reflect. An index written with another layout is discarded at open.
 */
final class CheckpointedWriter implements Closeable {

  /** The commit data key of the field layout. */
  static final String SCHEMA_KEY = "stallwatch.schema";

  private static final String CHECKPOINT_PREFIX = "checkpoint.";

  private final IndexWriter writer;
  private final Object commitLock = new Object();

  private CheckpointedWriter(IndexWriter writer) {
    this.writer = writer;
  }

  /** A writer on {@code directory}, keeping what it holds only if this field layout wrote it. */
  static CheckpointedWriter open(Directory directory, Analyzer analyzer) throws IOException {
    var config =
        new IndexWriterConfig(analyzer)
            .setOpenMode(
                sameSchema(directory)
                    ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND
                    : IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(64);
    CheckpointedWriter opened = new CheckpointedWriter(new IndexWriter(directory, config));
    // Every commit, even the one on close, says which field layout wrote it.
    opened.writer.setLiveCommitData(commitData(opened.checkpoint()).entrySet());
    return opened;
  }

  private static boolean sameSchema(Directory directory) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return false;
    }
    return IndexFields.SCHEMA.equals(
        SegmentInfos.readLatestCommit(directory).getUserData().get(SCHEMA_KEY));
  }

  /** The Lucene writer, for near-real-time readers of what it wrote. */
  IndexWriter indexWriter() {
    return writer;
  }

  /** Replaces every known issue with the entries of {@code knowledge}. */
  void replaceKnowledge(KnowledgeBase knowledge) throws IOException {
    writer.deleteDocuments(new Term(IndexFields.KIND, IndexFields.ISSUE));
    for (KnowledgeEntry entry : knowledge.entries()) {
      writer.addDocument(KnowledgeDocuments.toDocument(entry));
    }
  }

  void upsert(Incident incident) throws IOException {
    var doc = IncidentDocuments.toDocument(incident);
    writer.updateDocument(new Term(IndexFields.ID, incident.id()), doc);
  }

  void delete(String id) throws IOException {
    writer.deleteDocuments(
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(IndexFields.ID, id)), BooleanClause.Occur.FILTER)
            .add(IndexSearches.INCIDENTS, BooleanClause.Occur.FILTER)
            .build());
  }

  /** Removes every incident and forgets the checkpoint. */
  void clearIncidents() throws IOException {
    synchronized (commitLock) {
      writer.deleteDocuments(new Term(IndexFields.KIND, IndexFields.INCIDENT));
      writer.setLiveCommitData(Map.of(SCHEMA_KEY, IndexFields.SCHEMA).entrySet());
    }
  }

  /** Commits every change, keeping the last checkpoint. */
  void commit() throws IOException {
    synchronized (commitLock) {
      writer.setLiveCommitData(commitData(checkpoint()).entrySet());
      writer.commit();
    }
  }

  /** Commits every change together with {@code checkpoint}. */
  void commit(Map<String, String> checkpoint) throws IOException {
    synchronized (commitLock) {
      writer.setLiveCommitData(commitData(checkpoint).entrySet());
      writer.commit();
    }
  }

  /** The checkpoint of the last commit (or of the one being prepared); empty after a rebuild. */
  Map<String, String> checkpoint() {
    Map<String, String> out = new HashMap<>();
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (e.getKey().startsWith(CHECKPOINT_PREFIX)) {
          out.put(e.getKey().substring(CHECKPOINT_PREFIX.length()), e.getValue());
        }
      }
    }
    return out;
  }

  private static Map<String, String> commitData(Map<String, String> checkpoint) {
    Map<String, String> data = new HashMap<>();
    data.put(SCHEMA_KEY, IndexFields.SCHEMA);
    checkpoint.forEach((k, v) -> data.put(CHECKPOINT_PREFIX + k, v));
    return data;
  }

  /** Closes the writer, which commits what was written since the last commit. */
  @Override
  public void close() throws IOException {
    writer.close();
  }
}
