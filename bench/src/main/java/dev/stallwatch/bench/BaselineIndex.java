package dev.stallwatch.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.KnownIssueRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * The raw Lucene baseline: the same incidents, the same text fields and the same stored JSON, with
 * the plain StandardAnalyzer and nothing else (no compound parts, stemming or synonyms, no facet
 * fields, no kind, no known issues, no highlighting). Writes are upserts by id, as in stallwatch.
 */
final class BaselineIndex implements AutoCloseable {

  private static final String[] FIELDS = {
    "title", "host", "rule", "evidence", "remediation", "issue", "context"
  };

  private final FSDirectory directory;
  private final StandardAnalyzer analyzer = new StandardAnalyzer();
  private final IndexWriter writer;
  private DirectoryReader reader;

  BaselineIndex(Path path) throws IOException {
    directory = FSDirectory.open(path);
    writer =
        new IndexWriter(
            directory,
            new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(64));
  }

  void upsert(Incident incident) throws IOException {
    Document doc = new Document();
    doc.add(new StringField("id", incident.id(), Field.Store.NO));
    text(doc, "title", incident.title());
    text(doc, "host", incident.host());
    text(doc, "rule", incident.rule());
    for (Evidence e : incident.evidence()) {
      text(doc, "evidence", e.summary());
      text(doc, "evidence", e.line());
    }
    text(doc, "remediation", incident.remediation());
    for (KnownIssueRef ref : incident.knownIssues()) {
      text(doc, "issue", ref.id());
    }
    HostContext c = incident.context();
    Stream.of(c.wslVersion(), c.kernelVersion(), c.dockerDesktopVersion(), c.autoMemoryReclaim())
        .forEach(v -> text(doc, "context", v));
    try {
      doc.add(new StoredField("json", Json.mapper().writeValueAsString(incident)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    writer.updateDocument(new Term("id", incident.id()), doc);
  }

  void commitAndOpen() throws IOException {
    writer.commit();
    reader = DirectoryReader.open(writer);
  }

  /** The top {@code limit} incidents for the text, read back from their stored JSON. */
  List<Incident> search(String text, int limit) throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    MultiFieldQueryParser parser = new MultiFieldQueryParser(FIELDS, analyzer);
    TopDocs top;
    try {
      top = searcher.search(parser.parse(QueryParser.escape(text)), limit);
    } catch (ParseException e) {
      throw new IllegalArgumentException("baseline cannot parse " + text, e);
    }
    StoredFields stored = searcher.storedFields();
    List<Incident> out = new ArrayList<>();
    for (ScoreDoc hit : top.scoreDocs) {
      out.add(Json.mapper().readValue(stored.document(hit.doc).get("json"), Incident.class));
    }
    return out;
  }

  private static void text(Document doc, String field, String value) {
    if (value != null && !value.isBlank()) {
      doc.add(new TextField(field, value, Field.Store.NO));
    }
  }

  @Override
  public void close() {
    try {
      if (reader != null) {
        reader.close();
      }
      writer.close();
      analyzer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the baseline index", e);
    }
  }
}
