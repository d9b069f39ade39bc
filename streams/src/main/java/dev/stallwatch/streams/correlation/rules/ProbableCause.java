package dev.stallwatch.streams.correlation.rules;

import java.time.Duration;
import java.util.List;

/**
 * How a rule that needs Resource Saver evidence still names a cause when no Resource Saver
 * transition was seen around a hang at all: the host's setup alone makes it likely. Tried only
 * after every rule failed on the evidence, and before the fallback. The incident keeps the rule's
 * id, its title starts with {@value #TITLE_PREFIX}, and it lists what was not seen.
 *
 * @param confidence the confidence of such an incident; lower than the rule's own base
 * @param requires context the host must also show (e.g. Resource Saver enabled, an affected Docker
 *     Desktop), on top of the rule's {@code context}
 * @param missing the missing-evidence lines, each shown when its condition holds on the host
 * @param quiet a probable incident also resolves when its signal clears, or after this long with no
 *     new evidence: the Resource Saver exit that resolves the rule's own incidents may never be
 *     seen
 */
public record ProbableCause(
    double confidence, ContextMatch requires, List<Missing> missing, Duration quiet) {

  public static final String TITLE_PREFIX = "Probable: ";

  public ProbableCause {
    missing = List.copyOf(missing);
  }

  /** What a host may lack, which decides which missing-evidence lines apply. */
  public enum Lack {
    /** No event from a Windows-side collector (distro probes, its heartbeat) was ever seen. */
    NO_WINDOWS_SIDE("noWindowsSide"),
    /** The latest inventory has no answer of Docker Desktop's backend to {@code GET /idle}. */
    NO_BACKEND_API("noBackendApi"),
    /** None of the lines before it applied. */
    OTHERWISE("otherwise");

    private final String key;

    Lack(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** One missing-evidence line and when it applies. */
  public record Missing(Lack when, String text) {}
}
