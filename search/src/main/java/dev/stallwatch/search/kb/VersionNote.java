package dev.stallwatch.search.kb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a known issue applies to a given version of a product, in one sentence: an incident on
 * Docker Desktop 4.42.0 matched to an issue fixed in 4.43.0 says "affected, upgrade".
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
    String name = product.displayName();
    Optional<Version> fixed = Version.parse(known.fixed());
    Optional<Version> from = Version.parse(known.from());
    if (fixed.isPresent()) {
      boolean hasFix = version.compareTo(fixed.get()) >= 0;
      String message =
          hasFix
              ? "Fixed in %s %s; %s %s, which has the fix: a hang there is something else."
              : "Fixed in %s %s; %s %s, which is older: affected, upgrade.";
      return new VersionNote(
          product,
          version.text(),
          hasFix ? Verdict.NOT_AFFECTED : Verdict.AFFECTED,
          message.formatted(name, fixed.get(), who, version));
    }
    if (from.isPresent()) {
      boolean affected = version.compareTo(from.get()) >= 0;
      String message =
          affected
              ? "Affects %s %s and later, with no fix known; %s %s: affected."
              : "Affects %s %s and later; %s %s, which is older: not affected.";
      return new VersionNote(
          product,
          version.text(),
          affected ? Verdict.AFFECTED : Verdict.NOT_AFFECTED,
          message.formatted(name, from.get(), who, version));
    }
    List<String> reported = known.reported();
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
}
