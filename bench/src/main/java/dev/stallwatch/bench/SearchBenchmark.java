package dev.stallwatch.bench;

import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.KnowledgeEvaluation;
import dev.stallwatch.search.SearchRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The search benchmark: indexes N synthetic incidents into a stallwatch index and into a raw Lucene
 * baseline (see {@link BaselineIndex}) on disk, one writer thread each, then runs the symptom
 * queries of the shipped evaluation set against both and prints indexing rates, query p50/p99 and
 * the ratios. A stallwatch query is what the dashboard asks: the best 10 incidents with highlights
 * and version notes plus the 5 best known issues; it is measured with and without facets (which
 * count every match).
 */
public final class SearchBenchmark {

  /**
   * What to run.
   *
   * @param incidents how many synthetic incidents to index
   * @param queries how many timed queries per variant (after as many warm-up queries / 5)
   * @param workDir where both indexes are written (deleted afterwards)
   */
  public record Options(int incidents, int queries, Path workDir) {}

  private static final int HOSTS = 400;
  private static final int PAGE = 10;
  private static final int CHUNK = 5_000;

  private SearchBenchmark() {}

  public static void run(Options options, PrintWriter out) throws IOException {
    SyntheticIncidents incidents = new SyntheticIncidents(42, HOSTS);
    List<String> queries =
        KnowledgeEvaluation.shippedSet().stream().map(KnowledgeEvaluation.Case::query).toList();
    Path dir = Files.createTempDirectory(options.workDir(), "stallwatch-bench");
    out.printf(
        Locale.ROOT,
        "stallwatch search benchmark: %,d synthetic incidents, %d queries, %d cores, Java %s%n",
        options.incidents(),
        options.queries(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    out.flush();
    warmUp(incidents, dir, Math.max(1, Math.min(options.incidents() / 10, 50_000)));
    try (IncidentIndex index = IncidentIndex.open(dir.resolve("stallwatch"));
        BaselineIndex baseline = new BaselineIndex(dir.resolve("baseline"))) {
      double[] rates = timeIndexing(options.incidents(), incidents, index, baseline);
      index.commit();
      index.refresh();
      baseline.commitAndOpen();
      out.printf(
          Locale.ROOT,
          "indexing:  stallwatch %,.0f incidents/s   baseline %,.0f incidents/s   ratio %.2f"
              + "  (target >= 0.50)%n",
          rates[0],
          rates[1],
          rates[0] / rates[1]);
      out.flush();
      slowest(out, queries, q -> index.search(request(q, false)));
      double[][] ms =
          timeQueries(
              options.queries(),
              queries,
              List.of(
                  q -> index.search(request(q, false)),
                  q -> index.search(request(q, true)),
                  q -> baseline.search(q, PAGE)));
      double[] ours = ms[0];
      double[] facets = ms[1];
      double[] base = ms[2];
      printQueries(out, "stallwatch", ours, base);
      printQueries(out, "+ facets  ", facets, base);
      out.printf(
          Locale.ROOT,
          "baseline:  p50 %.2f ms  p99 %.2f ms%n",
          percentile(base, 0.50),
          percentile(base, 0.99));
      out.printf(
          Locale.ROOT,
          "index size: stallwatch %,d MB, baseline %,d MB%n",
          size(dir.resolve("stallwatch")) >> 20,
          size(dir.resolve("baseline")) >> 20);
    } finally {
      delete(dir);
    }
    out.flush();
  }

  /**
   * Indexes a tenth of the incidents into throwaway indexes of both kinds first, so the timed runs
   * both start with compiled code and neither pays the JIT for the other.
   */
  private static void warmUp(SyntheticIncidents incidents, Path dir, int count) throws IOException {
    try (IncidentIndex index = IncidentIndex.open(dir.resolve("warm-stallwatch"));
        BaselineIndex baseline = new BaselineIndex(dir.resolve("warm-baseline"))) {
      for (long n = 0; n < count; n++) {
        index.upsert(incidents.get(n));
        baseline.upsert(incidents.get(n));
      }
    }
    delete(dir.resolve("warm-stallwatch"));
    delete(dir.resolve("warm-baseline"));
  }

  private static SearchRequest request(String text, boolean facets) {
    return new SearchRequest(
        text, PAGE, SearchRequest.Order.RELEVANCE, null, null, null, null, facets, 5);
  }

  private static void printQueries(PrintWriter out, String name, double[] ms, double[] base) {
    out.printf(
        Locale.ROOT,
        "queries:   %s p50 %.2f ms  p99 %.2f ms   p99 ratio to baseline %.2f  (target p99 <= 20"
            + " ms)%n",
        name,
        percentile(ms, 0.50),
        percentile(ms, 0.99),
        percentile(ms, 0.99) / percentile(base, 0.99));
  }

  @FunctionalInterface
  private interface Querying {
    Object run(String text) throws IOException;
  }

  /**
   * Incidents per second of each index, written in alternating chunks so that whatever else runs on
   * the machine slows both alike.
   */
  private static double[] timeIndexing(
      int count, SyntheticIncidents incidents, IncidentIndex index, BaselineIndex baseline)
      throws IOException {
    long ours = 0;
    long base = 0;
    for (long from = 0; from < count; from += CHUNK) {
      long to = Math.min(count, from + CHUNK);
      long start = System.nanoTime();
      for (long n = from; n < to; n++) {
        index.upsert(incidents.get(n));
      }
      long middle = System.nanoTime();
      for (long n = from; n < to; n++) {
        baseline.upsert(incidents.get(n));
      }
      ours += middle - start;
      base += System.nanoTime() - middle;
    }
    return new double[] {count / (ours / 1e9), count / (base / 1e9)};
  }

  /**
   * Milliseconds of each timed query per variant, sorted, after a warm-up; the variants take turns
   * on every query text, so machine load falls on all of them alike.
   */
  private static double[][] timeQueries(int count, List<String> texts, List<Querying> variants)
      throws IOException {
    for (int i = 0; i < Math.max(2 * texts.size(), count / 2); i++) {
      for (Querying variant : variants) {
        variant.run(texts.get(i % texts.size()));
      }
    }
    double[][] ms = new double[variants.size()][count];
    for (int i = 0; i < count; i++) {
      String text = texts.get(i % texts.size());
      for (int v = 0; v < variants.size(); v++) {
        long start = System.nanoTime();
        variants.get(v).run(text);
        ms[v][i] = (System.nanoTime() - start) / 1e6;
      }
    }
    for (double[] variant : ms) {
      Arrays.sort(variant);
    }
    return ms;
  }

  /** The three slowest query texts of stallwatch, each timed once more on its own. */
  private static void slowest(PrintWriter out, List<String> texts, Querying querying)
      throws IOException {
    record Timed(String text, double ms) {}
    List<Timed> timed = new ArrayList<>();
    for (String text : texts) {
      long start = System.nanoTime();
      querying.run(text);
      timed.add(new Timed(text, (System.nanoTime() - start) / 1e6));
    }
    timed.sort(Comparator.comparingDouble(Timed::ms).reversed());
    for (Timed t : timed.subList(0, Math.min(3, timed.size()))) {
      out.printf(Locale.ROOT, "slowest:   %6.2f ms  %s%n", t.ms(), t.text());
    }
  }

  static double percentile(double[] sorted, double p) {
    return sorted[(int) Math.ceil(p * sorted.length) - 1];
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(SearchBenchmark::fileSize).sum();
    }
  }

  private static long fileSize(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
