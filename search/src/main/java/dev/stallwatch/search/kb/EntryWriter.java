package dev.stallwatch.search.kb;

import java.util.LinkedHashMap;
import java.util.Map;

/** An entry as the tree {@link EntryReader} reads, so written files load back the same. */
final class EntryWriter {

  private EntryWriter() {}

  static Map<String, Object> toTree(KnowledgeEntry e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", e.id());
    out.put("url", e.url());
    out.put("title", e.title());
    out.put("status", e.status());
    if (e.opened() != null) {
      out.put("opened", e.opened());
    }
    out.put("symptoms", e.symptoms());
    out.put("errors", e.errors());
    out.put("conditions", conditions(e.conditions()));
    Map<String, Object> versions = new LinkedHashMap<>();
    e.versions().forEach((product, v) -> versions.put(product.key(), productVersions(v)));
    out.put("versions", versions);
    out.put("cause", e.cause());
    out.put("causeConfirmed", e.causeConfirmed());
    out.put("workarounds", e.workarounds());
    out.put("related", e.related());
    out.put("reviewed", e.reviewed());
    return out;
  }

  private static Map<String, Object> conditions(KnowledgeEntry.Conditions c) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!c.reclaim().isEmpty()) {
      out.put("reclaim", c.reclaim());
    }
    if (!c.cgroup().isEmpty()) {
      out.put("cgroup", c.cgroup());
    }
    if (c.systemd() != null) {
      out.put("systemd", c.systemd());
    }
    if (c.resourceSaver() != null) {
      out.put("resourceSaver", c.resourceSaver());
    }
    return out;
  }

  private static Map<String, Object> productVersions(KnowledgeEntry.ProductVersions v) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!v.reportedOn().isEmpty()) {
      out.put("reportedOn", v.reportedOn());
    }
    if (v.affectedFrom() != null) {
      out.put("affectedFrom", v.affectedFrom());
    }
    if (v.fixedIn() != null) {
      out.put("fixedIn", v.fixedIn());
      if (v.fixNote() != null) {
        out.put("fixNote", v.fixNote());
      }
      out.put("fixConfirmed", v.fixConfirmed());
    }
    return out;
  }
}
