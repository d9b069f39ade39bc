package dev.stallwatch.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.CharArraySet;

/**
 * The domain's synonym groups ({@code synonyms.txt}: hang / freeze / stuck, Resource Saver / pause
 * / energy saver, ...) as concepts. Every word or phrase of a group also yields one concept term,
 * at index time and at query time alike (see {@link ConceptFilter}). A query then asks for one term
 * per group instead of every synonym in every field, and a multi-word synonym needs no phrase
 * query: those two made queries over a million incidents several times slower.
 */
final class Concepts {

  /**
   * Starts every concept term. The tokenizer never produces it, so a user cannot type a concept by
   * accident and a concept cannot collide with a word.
   */
  static final String MARK = "\u00a7";

  private static final String RESOURCE = "synonyms.txt";

  /** Single analyzed words to their concept. */
  private final CharArrayMap<String> words = new CharArrayMap<>(64, false);

  /** Analyzed phrases of several words, joined by one space, to their concept. */
  private final Map<String, String> phrases = new HashMap<>();

  /** Every word that appears in a phrase: only those need remembering while reading a stream. */
  private final CharArraySet phraseWords = new CharArraySet(32, false);

  private int longestPhrase = 1;

  private Concepts() {}

  /**
   * The shipped groups.
   *
   * @param analyze turns a phrase into its analyzed words, as the text around it is analyzed
   */
  static Concepts load(Function<String, List<String>> analyze) {
    try (InputStream in = Concepts.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return of(lines(in), analyze);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static Concepts of(List<String> groups, Function<String, List<String>> analyze) {
    Concepts concepts = new Concepts();
    for (String group : groups) {
      String[] members = group.split(",");
      String concept = conceptOf(members[0]);
      for (String member : members) {
        concepts.add(analyze.apply(member.strip()), concept, member.strip());
      }
    }
    return concepts;
  }

  /** The concept term of a group, named after its first phrase: {@code §resourcesaver}. */
  static String conceptOf(String firstPhrase) {
    return MARK + firstPhrase.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
  }

  /** The concept of one analyzed word, or null. */
  String ofWord(char[] buffer, int length) {
    return words.get(buffer, 0, length);
  }

  /** The concept of a phrase of analyzed words, or null. */
  String ofPhrase(List<String> phrase) {
    return phrases.get(String.join(" ", phrase));
  }

  boolean inSomePhrase(char[] buffer, int length) {
    return phraseWords.contains(buffer, 0, length);
  }

  int longestPhrase() {
    return longestPhrase;
  }

  private void add(List<String> analyzed, String concept, String member) {
    if (analyzed.isEmpty()) {
      throw new IllegalStateException(RESOURCE + ": '" + member + "' has no searchable word");
    }
    if (analyzed.size() == 1) {
      words.put(analyzed.getFirst(), concept);
      return;
    }
    phrases.put(String.join(" ", analyzed), concept);
    phraseWords.addAll(analyzed);
    longestPhrase = Math.max(longestPhrase, analyzed.size());
  }

  private static List<String> lines(InputStream in) throws IOException {
    List<String> groups = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String content = line.strip();
        if (!content.isEmpty() && !content.startsWith("#")) {
          groups.add(content);
        }
      }
    }
    return groups;
  }
}
