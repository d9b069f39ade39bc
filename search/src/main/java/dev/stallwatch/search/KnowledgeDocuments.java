package dev.stallwatch.search;

import dev.stallwatch.search.kb.KnowledgeEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a known issue into its Lucene document. Only the id is kept in the index: a hit is resolved
 * to the entry through the {@link dev.stallwatch.search.kb.KnowledgeBase} in memory.
 */
final class KnowledgeDocuments {

  private KnowledgeDocuments() {}

  static Document toDocument(KnowledgeEntry entry) {
    Document doc = new Document();
    doc.add(new StringField(IndexFields.KIND, IndexFields.ISSUE, Field.Store.NO));
    doc.add(new StringField(IndexFields.ID, entry.id(), Field.Store.YES));
    doc.add(new SortedDocValuesField(IndexFields.ID, new BytesRef(entry.id())));
    texts(entry).forEach((field, values) -> values.forEach(v -> addText(doc, field, v)));
    return doc;
  }

  /** The text of the entry per field, as indexed, for highlighting a hit. */
  static Map<String, List<String>> texts(KnowledgeEntry entry) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put(IndexFields.KB_TITLE, List.of(entry.title()));
    out.put(IndexFields.KB_ID_TEXT, List.of(entry.id()));
    out.put(IndexFields.KB_ERRORS, entry.errors());
    out.put(IndexFields.KB_SYMPTOMS, entry.symptoms());
    out.put(IndexFields.KB_CONDITIONS, List.of(conditions(entry.conditions())));
    List<String> versions = new ArrayList<>();
    entry
        .versions()
        .forEach(
            (product, v) -> {
              StringBuilder text = new StringBuilder(product.displayName());
              v.reportedOn().forEach(r -> text.append(' ').append(r));
              if (v.affectedFrom() != null) {
                text.append(" from ").append(v.affectedFrom());
              }
              if (v.fixedIn() != null) {
                text.append(" fixed in ").append(v.fixedIn());
              }
              if (v.fixNote() != null) {
                text.append(' ').append(v.fixNote());
              }
              versions.add(text.toString());
            });
    out.put(IndexFields.KB_VERSIONS, versions);
    out.put(IndexFields.KB_CAUSE, List.of(entry.cause()));
    out.put(IndexFields.KB_WORKAROUNDS, entry.workarounds());
    return out;
  }

  /** The text worth showing as a matched passage: not the id, which the hit shows anyway. */
  static Map<String, List<String>> highlighted(KnowledgeEntry entry) {
    Map<String, List<String>> out = texts(entry);
    out.remove(IndexFields.KB_ID_TEXT);
    out.remove(IndexFields.KB_VERSIONS);
    return out;
  }

  /** The conditions in words, e.g. "autoMemoryReclaim=gradual, cgroup v2, Resource Saver". */
  static String conditions(KnowledgeEntry.Conditions c) {
    List<String> parts = new ArrayList<>();
    c.reclaim().forEach(mode -> parts.add("autoMemoryReclaim=" + mode));
    c.cgroup().forEach(layout -> parts.add("cgroup " + layout));
    if (c.systemd() != null) {
      parts.add(c.systemd() ? "systemd enabled" : "without systemd");
    }
    if (Boolean.TRUE.equals(c.resourceSaver())) {
      parts.add("Docker Desktop Resource Saver");
    }
    return String.join(", ", parts);
  }

  private static void addText(Document doc, String field, String value) {
    if (value != null && !value.isBlank()) {
      doc.add(new TextField(field, value, Field.Store.NO));
    }
  }
}
