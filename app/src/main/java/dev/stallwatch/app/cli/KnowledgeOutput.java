package dev.stallwatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stallwatch.model.Json;
import dev.stallwatch.search.Highlight;
import dev.stallwatch.search.KnowledgeHit;
import dev.stallwatch.search.kb.KnowledgeEntry;
import dev.stallwatch.search.kb.VersionNote;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** How the command line prints known issues: readable text, or JSON for scripts. */
final class KnowledgeOutput {

  private static final ObjectMapper JSON =
      Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

  private KnowledgeOutput() {}

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static void hits(PrintWriter out, List<KnowledgeHit> hits) {
    if (hits.isEmpty()) {
      out.println("No known issue matches.");
      return;
    }
    for (int i = 0; i < hits.size(); i++) {
      KnowledgeHit hit = hits.get(i);
      KnowledgeEntry e = hit.entry();
      out.printf(
          Locale.ROOT,
          "%2d. %s  %s  (%s%s, score %.2f)%n",
          i + 1,
          e.id(),
          e.title(),
          e.status(),
          e.reviewed() ? "" : ", unreviewed",
          hit.score());
      out.println("    " + e.url());
      for (Highlight h : hit.highlights()) {
        out.println("    matched: " + h.render("[", "]"));
      }
      if (!e.workarounds().isEmpty()) {
        out.println("    what helps: " + e.workarounds().getFirst());
      }
      for (VersionNote note : hit.versionNotes()) {
        out.println("    versions: " + note.message());
      }
    }
  }

  static void entry(PrintWriter out, KnowledgeEntry e) {
    out.println(e.id() + "  " + e.title());
    out.println(e.url());
    out.println(
        "status: "
            + e.status()
            + (e.opened() == null ? "" : ", opened " + e.opened())
            + (e.source().equals(KnowledgeEntry.IMPORTED) ? ", imported" : "")
            + (e.reviewed() ? "" : ", unreviewed (nobody checked it against the issue)"));
    section(out, "Symptoms", e.symptoms());
    section(out, "Errors users see", e.errors());
    String conditions = conditions(e.conditions());
    if (!conditions.isEmpty()) {
      out.println();
      out.println("When: " + conditions);
    }
    if (!e.versions().isEmpty()) {
      out.println();
      out.println("Versions:");
      e.versions()
          .forEach(
              (product, v) ->
                  out.println(
                      "  - %s: reported on %s%s; %s"
                          .formatted(
                              product.displayName(),
                              v.reportedOn().isEmpty() ? "-" : String.join(", ", v.reportedOn()),
                              v.affectedFrom() == null ? "" : "; affected from " + v.affectedFrom(),
                              fix(v))));
    }
    out.println();
    out.println((e.causeConfirmed() ? "Cause (confirmed): " : "Cause (hypothesis): ") + e.cause());
    section(out, "What helps", e.workarounds());
    section(out, "Related", e.related());
  }

  /** "fixed in 4.42.1 by disabling Resource Saver under WSL 2", hedged when only inferred. */
  private static String fix(KnowledgeEntry.ProductVersions v) {
    if (v.fixedIn() == null) {
      return "no fix version known";
    }
    return (v.hasConfirmedFix() ? "fixed in " : "probably fixed in ")
        + v.fixedIn()
        + (v.fixNote() == null ? "" : " " + v.fixNote())
        + (v.hasConfirmedFix() ? "" : " (not confirmed for this issue)");
  }

  private static String conditions(KnowledgeEntry.Conditions c) {
    StringBuilder out = new StringBuilder();
    if (!c.reclaim().isEmpty()) {
      out.append("autoMemoryReclaim=").append(String.join("|", c.reclaim())).append("; ");
    }
    if (!c.cgroup().isEmpty()) {
      out.append("cgroup ").append(String.join("|", c.cgroup())).append("; ");
    }
    if (c.systemd() != null) {
      out.append(c.systemd() ? "systemd on; " : "systemd off; ");
    }
    if (c.resourceSaver() != null) {
      out.append(c.resourceSaver() ? "Resource Saver involved; " : "not Resource Saver; ");
    }
    return out.length() == 0 ? "" : out.substring(0, out.length() - 2);
  }

  private static void section(PrintWriter out, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    out.println();
    out.println(title + ":");
    lines.forEach(line -> out.println("  - " + line));
  }
}
