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
          "%2d. %s  %s  (%s, score %.2f)%n",
          i + 1,
          e.id(),
          e.title(),
          e.status(),
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
            + (e.source().equals("imported") ? ", imported" : ""));
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
                      "  - %s: reported on %s%s%s"
                          .formatted(
                              product.displayName(),
                              v.reported().isEmpty() ? "-" : String.join(", ", v.reported()),
                              v.from() == null ? "" : "; affected from " + v.from(),
                              v.fixed() == null ? "; no fix known" : "; fixed in " + v.fixed())));
    }
    out.println();
    out.println((e.causeConfirmed() ? "Cause (confirmed): " : "Cause (hypothesis): ") + e.cause());
    section(out, "What helps", e.workarounds());
    section(out, "Related", e.related());
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
      out.append(c.resourceSaver() ? "Resource Saver involved; " : "no Docker involved; ");
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
