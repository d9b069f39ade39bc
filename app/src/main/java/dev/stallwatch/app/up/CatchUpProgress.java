package dev.stallwatch.app.up;

import dev.stallwatch.app.StartupException;
import dev.stallwatch.search.CatchUp;
import dev.stallwatch.search.IncidentIndexer;
import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the indexer has read what {@code stallwatch.incidents} held at start, so the
 * dashboard opens on every incident: with a progress bar when stderr is a terminal, with a log line
 * every few seconds otherwise. After a restart the index resumes from its checkpoint, so this is
 * quick; after a schema change or a lost index it is a full rebuild.
 */
final class CatchUpProgress {

  private static final Logger LOG = LoggerFactory.getLogger(CatchUpProgress.class);
  private static final long TICK_MILLIS = 200;
  private static final long LOG_EVERY_MILLIS = 5_000;
  private static final int BAR = 30;

  private CatchUpProgress() {}

  /**
   * Returns once caught up.
   *
   * @param terminal where to draw the bar, or null when not on a terminal
   * @throws StartupException if the indexer stopped before catching up
   */
  static void await(IncidentIndexer indexer, PrintStream terminal)
      throws StartupException, InterruptedException {
    long nextLog = System.currentTimeMillis() + LOG_EVERY_MILLIS;
    boolean drawn = false;
    CatchUp now = indexer.catchUp();
    while (!now.done()) {
      if (now.failed()) {
        throw new StartupException(
            "the search index could not be rebuilt from stallwatch.incidents; the log says why");
      }
      if (terminal != null && now.total() > 0) {
        terminal.print("\r" + bar(now));
        terminal.flush();
        drawn = true;
      } else if (System.currentTimeMillis() >= nextLog) {
        LOG.info("indexing incidents: {}", counts(now));
        nextLog = System.currentTimeMillis() + LOG_EVERY_MILLIS;
      }
      Thread.sleep(TICK_MILLIS);
      now = indexer.catchUp();
    }
    if (drawn) {
      terminal.println("\r" + bar(now));
    }
    LOG.info("search index up to date: {}", counts(now));
  }

  static String bar(CatchUp progress) {
    int filled = (int) Math.round(progress.fraction() * BAR);
    return "indexing incidents [%s%s] %3d%%  %s"
        .formatted(
            "#".repeat(filled),
            " ".repeat(BAR - filled),
            Math.round(progress.fraction() * 100),
            counts(progress));
  }

  private static String counts(CatchUp progress) {
    return String.format(Locale.ROOT, "%,d of %,d records", progress.applied(), progress.total());
  }
}
