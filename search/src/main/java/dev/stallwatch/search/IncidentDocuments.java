package dev.stallwatch.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.KnownIssueRef;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/** Turns an incident into its Lucene document and a stored document back into the incident. */
final class IncidentDocuments {

  /**
   * Longest keyword value accepted. Lucene refuses terms over 32766 bytes with an error that names
   * no incident; hosts, rules and ids are short, so anything this long is a broken record.
   */
  static final int MAX_KEYWORD_CHARS = 1024;

  private IncidentDocuments() {}

  /**
   * The document of one incident.
   *
   * @throws IllegalArgumentException if a keyword value is too long to index
   */
  static Document toDocument(Incident incident) {
    Document doc = new Document();
    String id = keyword(incident, "id", incident.id());
    doc.add(new StringField(IncidentFields.ID, id, Field.Store.NO));
    doc.add(new SortedDocValuesField(IncidentFields.ID, new BytesRef(id)));
    addLowerCaseKeyword(doc, incident, IncidentFields.HOST, incident.host());
    addLowerCaseKeyword(doc, incident, IncidentFields.RULE, incident.rule());
    addLowerCaseKeyword(doc, incident, IncidentFields.STATUS, incident.status().name());
    addLowerCaseKeyword(doc, incident, IncidentFields.SEVERITY, incident.severity().wireName());
    long openedAt = incident.openedAt().toEpochMilli();
    doc.add(new LongPoint(IncidentFields.OPENED_AT, openedAt));
    doc.add(new NumericDocValuesField(IncidentFields.OPENED_AT, openedAt));

    addText(doc, IncidentFields.TITLE, incident.title());
    addText(doc, IncidentFields.HOST_TEXT, incident.host());
    addText(doc, IncidentFields.RULE_TEXT, incident.rule());
    for (Evidence evidence : incident.evidence()) {
      addText(doc, IncidentFields.EVIDENCE, evidence.summary());
      addText(doc, IncidentFields.EVIDENCE, evidence.line());
    }
    addText(doc, IncidentFields.REMEDIATION, incident.remediation());
    for (KnownIssueRef issue : incident.knownIssues()) {
      addText(doc, IncidentFields.ISSUE, issue.id());
    }
    contextValues(incident.context()).forEach(v -> addText(doc, IncidentFields.CONTEXT, v));
    doc.add(new StoredField(IncidentFields.JSON, toJson(incident)));
    return doc;
  }

  /** The incident stored in a document of this index. */
  static Incident fromStored(Document stored) {
    String json = stored.get(IncidentFields.JSON);
    if (json == null) {
      throw new IllegalStateException("index document has no stored incident");
    }
    try {
      return Json.mapper().readValue(json, Incident.class);
    } catch (JsonProcessingException e) {
      // The index only holds JSON this class wrote, so this is a bug, not bad input.
      throw new IllegalStateException("stored incident cannot be read back", e);
    }
  }

  private static String toJson(Incident incident) {
    try {
      return Json.mapper().writeValueAsString(incident);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write incident " + incident.id(), e);
    }
  }

  private static void addLowerCaseKeyword(
      Document doc, Incident incident, String field, String value) {
    String checked = keyword(incident, field, value).toLowerCase(Locale.ROOT);
    doc.add(new StringField(field, checked, Field.Store.NO));
  }

  private static String keyword(Incident incident, String name, String value) {
    if (value.length() > MAX_KEYWORD_CHARS) {
      throw new IllegalArgumentException(
          "incident %.80s: %s is longer than %d characters"
              .formatted(incident.id(), name, MAX_KEYWORD_CHARS));
    }
    return value;
  }

  private static void addText(Document doc, String field, String value) {
    if (value != null && !value.isBlank()) {
      doc.add(new TextField(field, value, Field.Store.NO));
    }
  }

  private static Stream<String> contextValues(HostContext context) {
    return Stream.of(
        context.wslVersion(),
        context.kernelVersion(),
        context.windowsVersion(),
        context.dockerDesktopVersion(),
        context.autoMemoryReclaim(),
        context.cgroupLayout() == null ? null : "cgroup " + context.cgroupLayout().wireName());
  }
}
