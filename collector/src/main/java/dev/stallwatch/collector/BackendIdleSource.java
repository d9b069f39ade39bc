package dev.stallwatch.collector;

import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Docker Desktop's backend for its idle state ({@code GET /idle}) on an interval and sends
 * {@code resource_saver} when the answer turns to paused (ENTERED) or back to running (EXITED),
 * with the backend's busy reason. This is Docker Desktop's own view, where log patterns are
 * guesses. The first answer only sets the baseline, unless it is already paused.
 *
 * <p>The API is undocumented, so nothing it does fails the source: a socket that is absent,
 * refuses, times out, or answers 404 or garbage is recorded per endpoint in {@link HostFacts} for
 * the inventory's {@code dockerBackendApi}, and the next poll tries again.
 */
final class BackendIdleSource implements Source {

  static final String ENDPOINT = "GET /idle";
  static final String ANSWERED = "answered";

  private static final Logger LOG = LoggerFactory.getLogger(BackendIdleSource.class);

  private final BackendTransport transport;
  private final Duration interval;
  private final Duration timeout;
  private final HostFacts facts;
  private boolean paused;
  private boolean saidNoAnswer;

  BackendIdleSource(
      BackendTransport transport, Duration interval, Duration timeout, HostFacts facts) {
    this.transport = transport;
    this.interval = interval;
    this.timeout = timeout;
    this.facts = facts;
  }

  @Override
  public String name() {
    return "backendapi";
  }

  @Override
  public String description() {
    return "sends GET /idle to Docker Desktop's backend API on "
        + transport.describe()
        + "; sends resource_saver when the answer turns to paused or back to running, with the"
        + " backend's busy reason, and records in the inventory whether the endpoint answered";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now)
      throws SourceAbsentException {
    BackendIdleState state;
    try {
      HttpAnswer answer = BackendHttp.get(transport, "/idle", timeout);
      if (answer.status() != 200) {
        throw new FormatException(("HTTP " + answer.status() + " " + answer.reason()).strip());
      }
      state = BackendIdleState.parse(answer.text());
    } catch (SourceAbsentException e) {
      facts.backendApi(ENDPOINT, "no answer: " + e.getMessage());
      throw e;
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      facts.backendApi(ENDPOINT, "no answer: " + SourceFiles.excerpt(reason));
      if (!saidNoAnswer) {
        // A fact about this Docker Desktop, not an error: said once until it answers again.
        saidNoAnswer = true;
        LOG.info("{} on {} does not answer: {}", ENDPOINT, transport.describe(), reason);
      }
      return List.of();
    }
    facts.backendApi(ENDPOINT, ANSWERED);
    saidNoAnswer = false;
    return accept(state, envelopes, now);
  }

  /** The transition an answer shows, if any. */
  List<TelemetryEvent> accept(BackendIdleState state, EnvelopeFactory envelopes, Instant now) {
    ResourceSaver.State next;
    if (state.paused() && !paused) {
      next = ResourceSaver.State.ENTERED;
    } else if (state.awake() && paused) {
      next = ResourceSaver.State.EXITED;
    } else {
      return List.of();
    }
    paused = next == ResourceSaver.State.ENTERED;
    return List.of(
        new ResourceSaver(
            envelopes.next(now),
            next,
            ResourceSaver.SeenVia.BACKEND_API,
            state.summary(),
            state.busyReason()));
  }
}
