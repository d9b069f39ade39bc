package dev.stallwatch.collector;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Logs a recurring problem of a source once until it goes away, so a missing file read every few
 * seconds does not flood the log. One thread at a time.
 */
final class ProblemLog {

  private final Logger log;
  private final Set<String> active = new HashSet<>();

  ProblemLog(Logger log) {
    this.log = log;
  }

  void once(String what, String reason) {
    if (active.add(what)) {
      log.warn("cannot read {}: {}", what, reason);
    }
  }

  void clear(String what) {
    active.remove(what);
  }

  /** A {@link Problems} that logs the lines of one file once each. */
  Problems of(String file) {
    return (line, reason) -> once(file + ":" + line, reason);
  }
}
