package dev.stallwatch.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stallwatch.model.CohortStats;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.search.kb.KnowledgeEntry;
import dev.stallwatch.search.kb.Product;
import dev.stallwatch.search.kb.VersionNote;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a fix exists for a cohort: the known issues whose conditions the cohort's setup meets
 * (reclaim mode, cgroup layout, Resource Saver) and that name a fixed version of WSL or Docker
 * Desktop, weighed with {@link VersionNote#check} against the versions the cohort runs. An issue
 * with no conditions says nothing about a setup, so it does not decide a cohort's fix.
 */
final class CohortFixes {

  static final String FIXED = "fixed";
  static final String UPGRADE = "upgrade";
  static final String NONE_KNOWN = "none-known";

  /**
   * @param status {@code upgrade} (a later version fixes it), {@code fixed} (the cohort runs a
   *     fixed version) or {@code none-known}
   * @param text one sentence saying which
   * @param issue the known issue it comes from; null when none
   */
  record Fix(String status, String text, @JsonInclude(JsonInclude.Include.ALWAYS) String issue) {}

  private final KnowledgeBase knowledge;

  CohortFixes(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  Fix of(CohortStats cohort) {
    Map<Product, String> versions = new EnumMap<>(Product.class);
    versions.put(Product.WSL, cohort.wslVersion());
    versions.put(Product.DOCKER_DESKTOP, cohort.dockerDesktopVersion());
    Fix fixed = null;
    for (KnowledgeEntry entry : knowledge.entries()) {
      if (!fits(entry.conditions(), cohort)) {
        continue;
      }
      for (VersionNote note : VersionNote.check(entry, versions, "this cohort runs")) {
        if (entry.versions().get(note.product()).fixedIn() == null) {
          continue;
        }
        if (note.verdict() == VersionNote.Verdict.AFFECTED) {
          return new Fix(UPGRADE, note.message(), entry.id());
        }
        if (fixed == null && note.verdict() == VersionNote.Verdict.NOT_AFFECTED) {
          fixed = new Fix(FIXED, note.message(), entry.id());
        }
      }
    }
    return fixed != null
        ? fixed
        : new Fix(NONE_KNOWN, "No known issue with a fixed version matches this cohort.", null);
  }

  /** Whether the cohort's setup meets every condition the entry has, and it has one at least. */
  static boolean fits(KnowledgeEntry.Conditions conditions, CohortStats cohort) {
    boolean any =
        !conditions.reclaim().isEmpty()
            || !conditions.cgroup().isEmpty()
            || conditions.resourceSaver() != null;
    return any
        && matches(conditions.reclaim(), cohort.autoMemoryReclaim())
        && matches(conditions.cgroup(), cohort.cgroupLayout())
        && (conditions.resourceSaver() == null
            || cohort.resourceSaver().equals(conditions.resourceSaver() ? "on" : "off"));
  }

  private static boolean matches(List<String> wanted, String value) {
    return wanted.isEmpty() || wanted.contains(value);
  }
}
