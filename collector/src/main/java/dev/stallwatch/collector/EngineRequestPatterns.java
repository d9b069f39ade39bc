package dev.stallwatch.collector;

import dev.stallwatch.model.event.ProbeStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Docker Desktop backend log lines that record the backend's own requests to the engine and how
 * they ended. Only one form is known: an {@code ipc} warning about {@code HEAD /_ping} ending in
 * {@code context deadline exceeded}, a timeout. The other defaults are guesses in the same shape
 * (other engine requests, other Go network errors, a request that got 200), replaceable in the
 * configuration ({@code docker.engineRequests.timeout}, {@code .failed}, {@code .ok}). Patterns are
 * searched in the message of each line: timeout first, then failed, then ok.
 */
record EngineRequestPatterns(List<Pattern> timeout, List<Pattern> failed, List<Pattern> ok) {

  /** An engine API request in a log message: {@code HEAD /_ping}, {@code GET /v1.47/info}. */
  private static final String REQUEST =
      "(?i)\\b(?:HEAD|GET|POST|PUT|DELETE) /(?:_ping|v1\\.\\d+/)\\S*";

  /** Documented defaults; see docs/collector.md. */
  static final List<String> DEFAULT_TIMEOUT =
      List.of(
          REQUEST + ".*\\bcontext deadline exceeded",
          REQUEST + ".*\\b(?:i/o timeout|Client\\.Timeout exceeded)");

  static final List<String> DEFAULT_FAILED =
      List.of(
          REQUEST
              + ".*\\b(?:connection refused|connection reset by peer|broken pipe|unexpected EOF"
              + "|EOF|no such file or directory|the system cannot find the file specified)\\s*$");

  static final List<String> DEFAULT_OK = List.of(REQUEST + "\\s.*\\b(?:200|204)(?: OK)?\\s*$");

  EngineRequestPatterns {
    timeout = List.copyOf(timeout);
    failed = List.copyOf(failed);
    ok = List.copyOf(ok);
  }

  static EngineRequestPatterns defaults() {
    return compile(DEFAULT_TIMEOUT, DEFAULT_FAILED, DEFAULT_OK);
  }

  /**
   * @throws java.util.regex.PatternSyntaxException for a bad regex
   */
  static EngineRequestPatterns compile(List<String> timeout, List<String> failed, List<String> ok) {
    return new EngineRequestPatterns(compiled(timeout), compiled(failed), compiled(ok));
  }

  private static List<Pattern> compiled(List<String> patterns) {
    return patterns.stream().map(Pattern::compile).toList();
  }

  /** How the engine request a log message records ended, if it records one. */
  Optional<ProbeStatus> match(String message) {
    Objects.requireNonNull(message, "message");
    if (anyFinds(timeout, message)) {
      return Optional.of(ProbeStatus.TIMEOUT);
    }
    if (anyFinds(failed, message)) {
      return Optional.of(ProbeStatus.FAILED);
    }
    if (anyFinds(ok, message)) {
      return Optional.of(ProbeStatus.OK);
    }
    return Optional.empty();
  }

  private static boolean anyFinds(List<Pattern> patterns, String message) {
    return patterns.stream().anyMatch(p -> p.matcher(message).find());
  }
}
