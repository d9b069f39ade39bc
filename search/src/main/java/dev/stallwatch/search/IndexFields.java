package dev.stallwatch.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every Lucene field of the index, which holds two kinds of documents: incidents and known issues
 * of the knowledge base. Keyword fields hold one exact value (lower-cased, except ids); text fields
 * are analyzed for free-text search. The index is a view of {@code stallwatch.incidents} and the
 * knowledge base; {@link #SCHEMA} changes whenever a field does, and an index written with another
 * schema is rebuilt instead of reused.
 */
final class IndexFields {

  /**
   * Version of this field layout and of its analysis, kept in every commit: "5" added the concept
   * groups of issue 14 (Docker idle / asleep, the PC's sleep, blinking cursor, HNS).
   */
  static final String SCHEMA = "5";

  /** {@link #INCIDENT} or {@link #ISSUE}: which kind of document this is. */
  static final String KIND = "kind";

  static final String INCIDENT = "incident";
  static final String ISSUE = "issue";

  /** Incident id or issue id, exact and case-sensitive: the upsert key, doc values to tiebreak. */
  static final String ID = "id";

  /** The whole incident as JSON, stored so that a hit returns the full incident. */
  static final String JSON = "json";

  /** Host id, lower-cased keyword, for {@code host:} queries and filters. */
  static final String HOST = "host";

  /** Rule id, lower-cased keyword. */
  static final String RULE = "rule";

  /** {@code open} or {@code resolved}. */
  static final String STATUS = "status";

  /** {@code info}, {@code warning} or {@code critical}. */
  static final String SEVERITY = "severity";

  /** When the incident opened, in epoch milliseconds: a point for ranges, doc values to sort. */
  static final String OPENED_AT = "opened_at";

  static final String TITLE = "title";

  /** Every evidence summary and raw log line, one value each. */
  static final String EVIDENCE = "evidence";

  /**
   * Everything else worth finding, one value each: the rule and host ids (split into words by the
   * analysis, so {@code laptop} finds {@code dev-laptop-07}), the remediation, the known issue ids
   * and the host context (versions, reclaim mode, cgroups). One field rather than five keeps a
   * query to three fields, which matters when a million incidents share most words.
   */
  static final String DETAILS = "details";

  /** Facet dimensions of incidents, as the API names them. */
  static final String FACET_RULE = "rule";

  static final String FACET_HOST = "host";
  static final String FACET_STATUS = "status";
  static final String FACET_WSL = "wslVersion";
  static final String FACET_DOCKER = "dockerDesktopVersion";
  static final String FACET_RECLAIM = "reclaimMode";

  /** Facet dimensions in the order they are shown. */
  static final List<String> FACETS =
      List.of(FACET_RULE, FACET_HOST, FACET_STATUS, FACET_WSL, FACET_DOCKER, FACET_RECLAIM);

  /** Known issue text fields. */
  static final String KB_TITLE = "kb_title";

  static final String KB_ID_TEXT = "kb_id";
  static final String KB_SYMPTOMS = "kb_symptoms";
  static final String KB_ERRORS = "kb_errors";
  static final String KB_CONDITIONS = "kb_conditions";
  static final String KB_VERSIONS = "kb_versions";
  static final String KB_CAUSE = "kb_cause";
  static final String KB_WORKAROUNDS = "kb_workarounds";

  /** Keyword fields whose values are lower-cased when indexed and when queried. */
  static final Set<String> LOWER_CASE_KEYWORDS = Set.of(HOST, RULE, STATUS, SEVERITY);

  /** Incident fields searched when the user names none, with their boosts. */
  static final Map<String, Float> INCIDENT_BOOSTS = ordered(TITLE, 3f, EVIDENCE, 1f, DETAILS, 1f);

  /** Known issue fields searched, with their boosts: what people see counts most. */
  static final Map<String, Float> ISSUE_BOOSTS =
      ordered(
          KB_ERRORS, 3f,
          KB_TITLE, 2.5f,
          KB_ID_TEXT, 2.5f,
          KB_SYMPTOMS, 2f,
          KB_CONDITIONS, 1f,
          KB_VERSIONS, 1f,
          KB_CAUSE, 0.7f,
          KB_WORKAROUNDS, 0.5f);

  /** Names a user may put before a colon in a query, as in {@code host:dev-laptop-07}. */
  static final Set<String> USER_FIELDS =
      Set.of(ID, HOST, RULE, STATUS, SEVERITY, TITLE, EVIDENCE, DETAILS);

  /** Older or friendlier names a user may type, and the field each searches. */
  static final Map<String, String> FIELD_ALIASES =
      Map.of("remediation", DETAILS, "issue", DETAILS, "context", DETAILS);

  private IndexFields() {}

  private static Map<String, Float> ordered(Object... fieldsAndBoosts) {
    Map<String, Float> out = new LinkedHashMap<>();
    for (int i = 0; i < fieldsAndBoosts.length; i += 2) {
      out.put((String) fieldsAndBoosts[i], (Float) fieldsAndBoosts[i + 1]);
    }
    return Collections.unmodifiableMap(out);
  }
}
