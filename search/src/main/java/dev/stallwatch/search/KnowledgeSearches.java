package dev.stallwatch.search;

import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.search.kb.KnowledgeEntry;
import dev.stallwatch.search.kb.Product;
import dev.stallwatch.search.kb.VersionNote;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * The known issues of {@link IncidentIndex}, found by a symptom a user typed or for an incident,
 * each checked against the versions the text names or the incident's host runs.
 */
final class KnowledgeSearches {

  /** What an unreviewed entry's score is multiplied by; see {@link #weighed}. */
  static final float UNREVIEWED_WEIGHT = 0.8f;

  private final IncidentQueryParser parser;
  private final KnowledgeBase knowledge;
  private final Highlights highlights;

  KnowledgeSearches(IncidentQueryParser parser, KnowledgeBase knowledge, Highlights highlights) {
    this.parser = parser;
    this.knowledge = knowledge;
    this.highlights = highlights;
  }

  /** The known issues matching {@code text}, best first. */
  List<KnowledgeHit> matching(IndexSearcher s, String text, int limit) throws IOException {
    Query query = parser.parse(text);
    Map<Product, String> versions = QueryVersions.of(text);
    return hits(s, query, limit, versions, "you named");
  }

  /** The known issues the incident names or, when it names none, those matching its text. */
  List<KnowledgeHit> forIncident(IndexSearcher s, Incident incident, int limit) throws IOException {
    Map<Product, String> versions = versions(incident.context());
    String who = shownName(incident) + " runs";
    List<KnowledgeHit> out = new ArrayList<>();
    for (KnownIssueRef ref : incident.knownIssues()) {
      knowledge
          .get(ref.id())
          .filter(e -> out.size() < limit)
          .ifPresent(e -> out.add(new KnowledgeHit(e, 0f, List.of(), check(e, versions, who))));
    }
    if (out.isEmpty()) {
      String text = incident.title() + " " + incident.rule().replace('-', ' ');
      Query query = parser.parse(escapeAll(text));
      out.addAll(hits(s, query, limit, versions, who));
    }
    return out;
  }

  /** The incident's known issues, each with what the host's versions mean for it. */
  List<SearchResult.IssueNote> issueNotes(Incident incident) {
    Map<Product, String> versions = versions(incident.context());
    String who = shownName(incident) + " runs";
    List<SearchResult.IssueNote> out = new ArrayList<>();
    for (KnownIssueRef ref : incident.knownIssues()) {
      Optional<KnowledgeEntry> entry = knowledge.get(ref.id());
      out.add(
          new SearchResult.IssueNote(
              ref.id(),
              ref.url(),
              entry.map(KnowledgeEntry::title).orElse(null),
              entry.map(e -> check(e, versions, who)).orElse(List.of())));
    }
    return out;
  }

  private List<KnowledgeHit> hits(
      IndexSearcher s, Query query, int limit, Map<Product, String> versions, String who)
      throws IOException {
    // Every matching issue is scored (the knowledge base is small), so that weighing unreviewed
    // entries down cannot leave out a reviewed one that would now rank above the cut.
    int depth = Math.max(limit, knowledge.size());
    TopDocs top = s.search(IndexSearches.filtered(query, IndexSearches.ISSUES), depth);
    StoredFields stored = s.storedFields();
    List<Ranked> ranked = new ArrayList<>();
    for (ScoreDoc hit : top.scoreDocs) {
      knowledge
          .get(stored.document(hit.doc).get(IndexFields.ID))
          .ifPresent(e -> ranked.add(new Ranked(e, weighed(e, hit.score))));
    }
    ranked.sort(Ranked.BEST_FIRST);
    Map<String, Set<String>> terms = Highlights.terms(query);
    List<KnowledgeHit> out = new ArrayList<>();
    for (Ranked r : ranked.subList(0, Math.min(limit, ranked.size()))) {
      out.add(
          new KnowledgeHit(
              r.entry(),
              r.score(),
              highlights.of(terms, KnowledgeDocuments.highlighted(r.entry())),
              VersionNote.check(r.entry(), versions, who)));
    }
    return out;
  }

  /**
   * An unreviewed entry (added by {@code kb import}) counts a little less than a reviewed one: with
   * the same words a shipped entry ranks first, while an imported issue that fits clearly better
   * still does.
   */
  static float weighed(KnowledgeEntry entry, float score) {
    return entry.reviewed() ? score : score * UNREVIEWED_WEIGHT;
  }

  /** An entry with its score as ranked; on equal scores a reviewed entry goes first. */
  private record Ranked(KnowledgeEntry entry, float score) {
    static final Comparator<Ranked> BEST_FIRST =
        Comparator.comparingDouble((Ranked r) -> r.score())
            .reversed()
            .thenComparing(r -> !r.entry().reviewed());
  }

  private static List<VersionNote> check(
      KnowledgeEntry entry, Map<Product, String> versions, String who) {
    return VersionNote.check(entry, versions, who);
  }

  static Map<Product, String> versions(HostContext context) {
    return HostVersions.of(context);
  }

  /** Text from an incident is data, not query syntax: quote every character that is syntax. */
  private static String escapeAll(String text) {
    return QueryParser.escape(text);
  }

  /** The host as people know it: the name its collector reported, else its id. */
  private static String shownName(Incident incident) {
    String name = incident.context().hostName();
    return name != null ? name : incident.host();
  }
}
