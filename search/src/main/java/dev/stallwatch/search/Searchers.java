package dev.stallwatch.search;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;

/**
 * The read side of {@link IncidentIndex}: near-real-time searchers over what one writer wrote, up
 * to the last {@link #refresh()}. Thread-safe.
 */
final class Searchers implements Closeable {

  /**
   * Threads a search spreads over, one per core: a search over a million incidents is split by
   * segments so its latency is not that of one core.
   */
  private final ExecutorService searchThreads =
      Executors.newFixedThreadPool(
          Runtime.getRuntime().availableProcessors(),
          Thread.ofPlatform().name("stallwatch-search-", 1).daemon().factory());

  private final SearcherManager manager;

  Searchers(IndexWriter writer) throws IOException {
    this.manager =
        new SearcherManager(
            writer,
            new SearcherFactory() {
              @Override
              public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                return new IndexSearcher(reader, searchThreads);
              }
            });
  }

  /** A read on one searcher, held for the duration of the read. */
  @FunctionalInterface
  interface SearcherFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /** Makes every write so far visible to searches; returns once it is. */
  void refresh() throws IOException {
    manager.maybeRefreshBlocking();
  }

  /** Runs {@code function} on the current searcher. */
  <T> T apply(SearcherFunction<T> function) throws IOException {
    IndexSearcher searcher = manager.acquire();
    try {
      return function.apply(searcher);
    } finally {
      manager.release(searcher);
    }
  }

  /** Releases the searchers and stops their threads. */
  @Override
  public void close() throws IOException {
    try {
      manager.close();
    } finally {
      searchThreads.shutdownNow();
    }
  }
}
