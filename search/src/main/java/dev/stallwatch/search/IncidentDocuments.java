package dev.stallwatch.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    doc.add(new StringField(IndexFields.KIND, IndexFields.INCIDENT, Field.Store.NO));
    String id = keyword(incident, "id", incident.id());
    doc.add(new StringField(IndexFields.ID, id, Field.Store.NO));
    doc.add(new SortedDocValuesField(IndexFields.ID, new BytesRef(id)));
    addLowerCaseKeyword(doc, incident, IndexFields.HOST, incident.host());
    addLowerCaseKeyword(doc, incident, IndexFields.RULE, incident.rule());
    addLowerCaseKeyword(doc, incident, IndexFields.STATUS, incident.status().name());
    addLowerCaseKeyword(doc, incident, IndexFields.SEVERITY, incident.severity().wireName());
    long openedAt = incident.openedAt().toEpochMilli();
    doc.add(new LongPoint(IndexFields.OPENED_AT, openedAt));
    doc.add(new NumericDocValuesField(IndexFields.OPENED_AT, openedAt));

    addText(doc, IndexFields.TITLE, incident.title());
    for (Evidence evidence : incident.evidence()) {
      addText(doc, IndexFields.EVIDENCE, evidence.summary());
      addText(doc, IndexFields.EVIDENCE, evidence.line());
    }
    addText(doc, IndexFields.DETAILS, incident.host());
    details(incident).forEach(v -> addText(doc, IndexFields.DETAILS, v));
    doc.add(new StoredField(IndexFields.JSON, toJson(incident)));
    IncidentFacets.add(doc, incident);
    return doc;
  }

  /** The text of the incident per field, as indexed, for highlighting a hit. */
  static Map<String, List<String>> texts(Incident incident) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put(IndexFields.TITLE, List.of(incident.title()));
    List<String> evidence = new ArrayList<>();
    for (Evidence e : incident.evidence()) {
      evidence.add(e.summary());
      if (e.line() != null && !e.line().isBlank()) {
        evidence.add(e.line());
      }
    }
    out.put(IndexFields.EVIDENCE, evidence);
    out.put(IndexFields.DETAILS, details(incident));
    return out;
  }

  /** The rule, remediation, known issues and context: what {@link IndexFields#DETAILS} holds. */
  static List<String> details(Incident incident) {
    List<String> out = new ArrayList<>();
    out.add(incident.rule());
    if (incident.remediation() != null && !incident.remediation().isBlank()) {
      out.add(incident.remediation());
    }
    incident.knownIssues().forEach(issue -> out.add(issue.id()));
    contextValues(incident.context()).filter(v -> v != null).forEach(out::add);
    return out;
  }

  /** The incident stored in a document of this index. */
  static Incident fromStored(Document stored) {
    String json = stored.get(IndexFields.JSON);
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
