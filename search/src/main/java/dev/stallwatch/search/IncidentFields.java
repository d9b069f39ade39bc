package dev.stallwatch.search;

import java.util.Map;
import java.util.Set;

/**
 * Every Lucene field of the incident index. Keyword fields hold one exact value (lower-cased,
 * except the id); text fields are analyzed for free-text search. The index is rebuilt from {@code
 * stallwatch.incidents} at start, so fields can change between releases without a migration.
 */
final class IncidentFields {

  /** Incident id, exact and case-sensitive: the upsert key, with doc values as a sort tiebreak. */
  static final String ID = "id";

  /** The whole incident as JSON, stored so that a hit returns the full incident. */
  static final String JSON = "json";

  /** Host id, lower-cased keyword, for {@code host:} queries, filters and facets. */
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

  /** The host id split into words, so {@code laptop} finds {@code dev-laptop-07}. */
  static final String HOST_TEXT = "host_text";

  /** The rule id split into words, so {@code gradual} finds {@code resource-saver-gradual}. */
  static final String RULE_TEXT = "rule_text";

  /** Every evidence summary and raw log line, one value each. */
  static final String EVIDENCE = "evidence";

  static final String REMEDIATION = "remediation";

  /** Known issue ids such as {@code microsoft/WSL#11066}. */
  static final String ISSUE = "issue";

  /** The host context: WSL, kernel, Windows and Docker Desktop versions, reclaim mode, cgroups. */
  static final String CONTEXT = "context";

  /** Keyword fields whose values are lower-cased when indexed and when queried. */
  static final Set<String> LOWER_CASE_KEYWORDS = Set.of(HOST, RULE, STATUS, SEVERITY);

  /** Fields searched when the user names none, with their boosts: a title match counts most. */
  static final Map<String, Float> DEFAULT_TEXT_BOOSTS =
      Map.of(
          TITLE, 3f,
          RULE_TEXT, 2f,
          ISSUE, 2f,
          HOST_TEXT, 1.5f,
          EVIDENCE, 1f,
          REMEDIATION, 1f,
          CONTEXT, 1f);

  /** Names a user may put before a colon in a query, as in {@code host:dev-laptop-07}. */
  static final Set<String> USER_FIELDS =
      Set.of(ID, HOST, RULE, STATUS, SEVERITY, TITLE, EVIDENCE, REMEDIATION, ISSUE, CONTEXT);

  private IncidentFields() {}
}
