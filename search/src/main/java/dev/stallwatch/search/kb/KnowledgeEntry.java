package dev.stallwatch.search.kb;

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
    String source) {

  public KnowledgeEntry {
    Objects.requireNonNull(id, "id");
    symptoms = List.copyOf(symptoms);
    errors = List.copyOf(errors);
    conditions = conditions == null ? Conditions.NONE : conditions;
    versions = Map.copyOf(versions);
    workarounds = List.copyOf(workarounds);
    related = List.copyOf(related);
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
   * The versions of one product an issue touches.
   *
   * @param reported versions people reported it on, possibly partial ({@code 4.38})
   * @param from the first affected version, when known
   * @param fixed the first version reported to fix it, when known
   */
  public record ProductVersions(List<String> reported, String from, String fixed) {

    public ProductVersions {
      reported = reported == null ? List.of() : List.copyOf(reported);
    }
  }
}
