package dev.stallwatch.search.kb;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One known public issue: what people see, when it happens, which versions it touches, why, and
 * what helps. Built only through {@link KnowledgeBase}, which validates every field.
 *
 * @param id {@code owner/repo#number}
 * @param url the GitHub address
 * @param status {@code open}, {@code closed} or {@code fixed}
 * @param opened when the issue was filed, {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}; null
 *     when unknown
 * @param symptoms what a user notices, one sentence each
 * @param errors the exact strings users see (error codes, log lines)
 * @param versions per product ({@link Product}) the versions it was seen on and fixed in
 * @param causeConfirmed false when {@code cause} is a hypothesis
 * @param related ids of other issues about the same fault
 * @param source {@code shipped} with stallwatch, or {@code imported} by {@code kb import}
 * @param reviewed whether a person checked the entry against its issue: shipped entries were,
 *     imported ones were not (until someone sets {@code reviewed: true} in the imported file)
 */
public record KnowledgeEntry(
    String id,
    String url,
    String title,
    String status,
    String opened,
    List<String> symptoms,
    List<String> errors,
    Conditions conditions,
    Map<Product, ProductVersions> versions,
    String cause,
    boolean causeConfirmed,
    List<String> workarounds,
    List<String> related,
    String source,
    boolean reviewed) {

  /** Where entries shipped with stallwatch come from; they were all reviewed. */
  public static final String SHIPPED = "shipped";

  /** Where entries added by {@code kb import} come from; nobody reviewed them. */
  public static final String IMPORTED = "imported";

  public KnowledgeEntry {
    Objects.requireNonNull(id, "id");
    symptoms = List.copyOf(symptoms);
    errors = List.copyOf(errors);
    conditions = conditions == null ? Conditions.NONE : conditions;
    versions = Map.copyOf(versions);
    workarounds = List.copyOf(workarounds);
    related = List.copyOf(related);
  }

  /** An entry reviewed when it was shipped, unreviewed when it was imported. */
  public KnowledgeEntry(
      String id,
      String url,
      String title,
      String status,
      String opened,
      List<String> symptoms,
      List<String> errors,
      Conditions conditions,
      Map<Product, ProductVersions> versions,
      String cause,
      boolean causeConfirmed,
      List<String> workarounds,
      List<String> related,
      String source) {
    this(
        id,
        url,
        title,
        status,
        opened,
        symptoms,
        errors,
        conditions,
        versions,
        cause,
        causeConfirmed,
        workarounds,
        related,
        source,
        SHIPPED.equals(source));
  }

  /**
   * When the issue happens.
   *
   * @param reclaim {@code autoMemoryReclaim} modes it needs; empty when any
   * @param cgroup cgroup layouts ({@code v1}, {@code hybrid}, {@code v2}) it needs; empty when any
   * @param systemd whether it needs systemd on (true), off (false), or either (null)
   * @param resourceSaver whether Docker Desktop's Resource Saver is involved; null when unknown
   */
  public record Conditions(
      List<String> reclaim, List<String> cgroup, Boolean systemd, Boolean resourceSaver) {

    public static final Conditions NONE = new Conditions(List.of(), List.of(), null, null);

    public Conditions {
      reclaim = reclaim == null ? List.of() : List.copyOf(reclaim);
      cgroup = cgroup == null ? List.of() : List.copyOf(cgroup);
    }
  }

  /**
   * The versions of one product an issue touches. What reporters ran and what fixed it are kept
   * apart: a fix version is never inferred from the versions people reported on.
   *
   * @param reportedOn versions the reporters ran when they saw it, possibly partial ({@code 4.38})
   * @param affectedFrom the first affected version, when known
   * @param fixedIn the first version that fixed it, when known
   * @param fixNote how that version fixed it, e.g. {@code by disabling Resource Saver under WSL 2};
   *     null when there is no fix or nothing to add
   * @param fixConfirmed false when {@code fixedIn} is inferred (from a related issue, or from the
   *     fault the issue was tied to) rather than stated for this issue; null when there is no fix
   */
  public record ProductVersions(
      List<String> reportedOn,
      String affectedFrom,
      String fixedIn,
      String fixNote,
      Boolean fixConfirmed) {

    public ProductVersions {
      reportedOn = reportedOn == null ? List.of() : List.copyOf(reportedOn);
      if (fixedIn == null) {
        fixConfirmed = null;
      } else if (fixConfirmed == null) {
        fixConfirmed = true;
      }
    }

    /** Versions reported on, affected from and fixed in, with no note: a confirmed fix. */
    public ProductVersions(List<String> reportedOn, String affectedFrom, String fixedIn) {
      this(reportedOn, affectedFrom, fixedIn, null, null);
    }

    /** The same as {@link #reportedOn()}, under its name before fixes got notes. */
    @JsonIgnore
    public List<String> reported() {
      return reportedOn;
    }

    /** The same as {@link #affectedFrom()}, under its name before fixes got notes. */
    @JsonIgnore
    public String from() {
      return affectedFrom;
    }

    /** The same as {@link #fixedIn()}, under its name before fixes got notes. */
    @JsonIgnore
    public String fixed() {
      return fixedIn;
    }

    /** Whether a fix version is stated and not merely inferred. */
    @JsonIgnore
    public boolean hasConfirmedFix() {
      return fixedIn != null && Boolean.TRUE.equals(fixConfirmed);
    }
  }
}
