package dev.stallwatch.search.kb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a known issue applies to a given version of a product, in one sentence that says how the
 * fix version fixed it: an incident on Docker Desktop 4.42.0 matched to docker/for-win#14656 says
 * "Fixed in Docker Desktop 4.42.1 by disabling Resource Saver under WSL 2; dev-anna runs 4.42.0,
 * which is older: affected, upgrade."
 *
 * @param version the version checked, as the host reported it or the user typed it
 * @param message one sentence for the user
 */
public record VersionNote(Product product, String version, Verdict verdict, String message) {

  /** What the version means for the issue. */
  public enum Verdict {
    /** The version is older than the fix, or within the affected range. */
    AFFECTED,
    /** The version has the fix, or predates the first affected one. */
    NOT_AFFECTED,
    /** The issue names versions, but none that decides this one. */
    UNKNOWN
  }

  /**
   * The notes for every product that both the entry and {@code versions} know about.
   *
   * @param versions the versions to check, per product
   * @param who how to name whose versions they are, e.g. {@code "dev-anna runs"}
   */
  public static List<VersionNote> check(
      KnowledgeEntry entry, Map<Product, String> versions, String who) {
    List<VersionNote> notes = new ArrayList<>();
    for (Product product : Product.values()) {
      KnowledgeEntry.ProductVersions known = entry.versions().get(product);
      String raw = versions.get(product);
      Optional<Version> version = Version.parse(raw);
      if (known != null && version.isPresent()) {
        notes.add(note(product, known, version.get(), who));
      }
    }
    return notes;
  }

  private static VersionNote note(
      Product product, KnowledgeEntry.ProductVersions known, Version version, String who) {
    Optional<Version> fixed = Version.parse(known.fixedIn());
    if (fixed.isPresent()) {
      return fixNote(product, known, fixed.get(), version, who);
    }
    String name = product.displayName();
    Optional<Version> from = Version.parse(known.affectedFrom());
    if (from.isPresent()) {
      boolean affected = version.compareTo(from.get()) >= 0;
      String message =
          affected
              ? "Affects %s %s and later, with no fix version known; %s %s: affected."
              : "Affects %s %s and later; %s %s, which is older: not affected.";
      return new VersionNote(
          product,
          version.text(),
          affected ? Verdict.AFFECTED : Verdict.NOT_AFFECTED,
          message.formatted(name, from.get(), who, version));
    }
    List<String> reported = known.reportedOn();
    boolean seen =
        reported.stream()
            .map(Version::parse)
            .flatMap(Optional::stream)
            .anyMatch(r -> version.startsWith(r) || r.startsWith(version));
    String list = String.join(", ", reported);
    return seen
        ? new VersionNote(
            product,
            version.text(),
            Verdict.AFFECTED,
            "Seen on %s %s; %s %s, a version it was seen on.".formatted(name, list, who, version))
        : new VersionNote(
            product,
            version.text(),
            Verdict.UNKNOWN,
            "Reported on %s %s; %s %s, which nobody reported on yet."
                .formatted(name, list, who, version));
  }

  /**
   * The verdict against a fix version, saying how that version fixed it ("fixed in 4.42.1 by
   * disabling Resource Saver under WSL 2"), and hedged when the fix is inferred for this issue.
   */
  private static VersionNote fixNote(
      Product product,
      KnowledgeEntry.ProductVersions known,
      Version fixed,
      Version version,
      String who) {
    boolean confirmed = known.hasConfirmedFix();
    StringBuilder fix =
        new StringBuilder(confirmed ? "Fixed in " : "Probably fixed in ")
            .append(product.displayName())
            .append(' ')
            .append(fixed);
    if (known.fixNote() != null) {
      fix.append(' ').append(known.fixNote());
    }
    if (!confirmed) {
      fix.append(" (not confirmed for this issue)");
    }
    boolean hasFix = version.compareTo(fixed) >= 0;
    String verdict;
    if (hasFix) {
      verdict =
          confirmed
              ? "which has the fix: a hang there is something else."
              : "which has that fix: a hang there is likely something else.";
    } else {
      verdict = "which is older: affected, upgrade.";
    }
    return new VersionNote(
        product,
        version.text(),
        hasFix ? Verdict.NOT_AFFECTED : Verdict.AFFECTED,
        "%s; %s %s, %s".formatted(fix, who, version, verdict));
  }
}
