package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The whole analysis of one host, with no Kafka in sight: drops a second delivery of an event,
 * holds events back for the grace so that those arriving out of order are applied in event-time
 * order, runs the {@link Correlator}, and says when the host's state is worth publishing. The
 * topology calls it per record and per wall-clock tick; {@code stallwatch replay} calls it per line
 * and flushes at the end.
 */
public final class Analysis {

  /** How many event ids per host are remembered to drop redeliveries. */
  static final int REMEMBERED_IDS = 256;

  private static final Comparator<Intake.Buffered> ORDER =
      Comparator.comparing(Intake.Buffered::ts)
          .thenComparingLong(Intake.Buffered::seq)
          .thenComparing(Intake.Buffered::id);

  private final Correlator correlator;
  private final AnalysisSettings settings;

  /**
   * What one call changed.
   *
   * @param hostState the host's state, when it should be published
   * @param duplicate the event was a second delivery and was dropped
   */
  public record Result(
      HostTimeline timeline,
      List<Incident> incidents,
      List<Alert> alerts,
      Optional<HostState> hostState,
      boolean duplicate) {

    public Result {
      incidents = List.copyOf(incidents);
      alerts = List.copyOf(alerts);
    }
  }

  public Analysis(RuleBook rules, AnalysisSettings settings) {
    this.correlator = new Correlator(rules);
    this.settings = settings;
  }

  public AnalysisSettings settings() {
    return settings;
  }

  public RuleBook rules() {
    return correlator.rules();
  }

  /**
   * Takes one event as it arrives.
   *
   * @param wallNow the wall-clock time it arrived
   */
  public Result accept(HostTimeline timeline, TelemetryEvent event, Instant wallNow) {
    Intake intake = timeline.intake();
    if (intake.recentIds().contains(event.id())) {
      return new Result(timeline, List.of(), List.of(), Optional.empty(), true);
    }
    List<String> ids = new ArrayList<>(intake.recentIds());
    ids.add(event.id());
    while (ids.size() > REMEMBERED_IDS) {
      ids.removeFirst();
    }
    Instant watermark =
        intake.watermark() == null || event.ts().isAfter(intake.watermark())
            ? event.ts()
            : intake.watermark();
    List<Intake.Buffered> buffered = new ArrayList<>(intake.buffered());
    Intake.Buffered held =
        new Intake.Buffered(
            event.ts(), event.envelope().seq(), event.id(), TelemetryCodec.toJson(event));
    buffered.add(held);
    buffered.sort(ORDER);
    Intake next = new Intake(ids, buffered, watermark, wallNow, intake.published());
    Instant releaseBefore = watermark.minus(settings.grace());
    return release(timeline.withIntake(next), b -> b.ts().isBefore(releaseBefore));
  }

  /**
   * Lets wall-clock time pass: releases a host's held events once it has sent nothing for the
   * grace, notices a host that went silent, and resolves what ends with time.
   *
   * @param watchingSince when (wall clock) this caller started watching the host; a host is only
   *     called silent after it was watched and quiet for the whole silence period, so a restarted
   *     analyzer does not mistake its own downtime for silent hosts
   */
  public Result tick(HostTimeline timeline, Instant wallNow, Instant watchingSince) {
    Intake intake = timeline.intake();
    if (intake.lastArrival() == null) {
      return new Result(timeline, List.of(), List.of(), Optional.empty(), false);
    }
    Duration quiet = Duration.between(intake.lastArrival(), wallNow);
    Accumulator acc = new Accumulator(timeline);
    if (!intake.buffered().isEmpty() && quiet.compareTo(settings.grace()) >= 0) {
      acc.add(releaseAll(acc.timeline));
    }
    HostFacts facts = acc.timeline.facts();
    if (facts.lastSeen() == null) {
      return acc.result(Optional.empty());
    }
    Instant now = facts.lastSeen().plus(quiet.isNegative() ? Duration.ZERO : quiet);
    Instant watched =
        watchingSince.isAfter(intake.lastArrival()) ? watchingSince : intake.lastArrival();
    if (becameSilent(facts, Duration.between(watched, wallNow))) {
      acc.add(releaseAll(acc.timeline));
      acc.add(correlator.silent(acc.timeline, acc.timeline.facts().lastSeen(), now));
    } else {
      acc.add(correlator.advance(acc.timeline, now));
    }
    return acc.result(publication(acc.timeline));
  }

  /** Applies every held event (the end of a recorded file). */
  public Result flush(HostTimeline timeline) {
    Accumulator acc = new Accumulator(timeline);
    acc.add(releaseAll(timeline));
    acc.add(correlator.settle(acc.timeline));
    return acc.result(publication(acc.timeline));
  }

  /**
   * Applies every held event and lets the host's event time run on to {@code now} with nothing more
   * from it: lasting states and quiet periods are judged as of then. Silence is not: that the host
   * sent nothing after a recording ended says nothing about the host.
   */
  public Result advance(HostTimeline timeline, Instant now) {
    Accumulator acc = new Accumulator(timeline);
    acc.add(releaseAll(timeline));
    Instant lastSeen = acc.timeline.facts().lastSeen();
    if (lastSeen != null && now.isAfter(lastSeen)) {
      acc.add(correlator.advance(acc.timeline, now));
    }
    acc.add(correlator.settle(acc.timeline));
    return acc.result(publication(acc.timeline));
  }

  private boolean becameSilent(HostFacts facts, Duration quiet) {
    return facts.silentSince() == null
        && facts.lastHeartbeat() != null
        && quiet.compareTo(settings.silenceAfter()) >= 0
        && !facts.lastHeartbeat().isBefore(facts.lastSeen().minus(settings.silenceAfter()));
  }

  private Result releaseAll(HostTimeline timeline) {
    return release(timeline, b -> true);
  }

  private Result release(HostTimeline timeline, Predicate<Intake.Buffered> which) {
    Accumulator acc = new Accumulator(timeline);
    List<Intake.Buffered> kept = new ArrayList<>();
    List<Intake.Buffered> due = new ArrayList<>();
    for (Intake.Buffered b : timeline.intake().buffered()) {
      (which.test(b) ? due : kept).add(b);
    }
    acc.timeline = timeline.withIntake(timeline.intake().withBuffered(kept));
    for (Intake.Buffered b : due) {
      acc.add(correlator.apply(acc.timeline, TelemetryCodec.fromJson(b.json())));
    }
    return acc.result(due.isEmpty() ? Optional.empty() : publication(acc.timeline));
  }

  private Optional<HostState> publication(HostTimeline timeline) {
    HostState now = HostStates.of(timeline, correlator.rules());
    return HostStates.toPublish(now, timeline.intake().published(), settings.publishEvery());
  }

  /** Collects the output of several steps. */
  private static final class Accumulator {
    private HostTimeline timeline;
    private final List<Incident> incidents = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private Optional<HostState> published = Optional.empty();

    Accumulator(HostTimeline timeline) {
      this.timeline = timeline;
    }

    void add(Step step) {
      timeline = step.timeline();
      incidents.addAll(step.incidents());
      alerts.addAll(step.alerts());
    }

    void add(Result result) {
      timeline = result.timeline();
      incidents.addAll(result.incidents());
      alerts.addAll(result.alerts());
      if (result.hostState().isPresent()) {
        published = result.hostState();
      }
    }

    /** The result, publishing {@code fresh} if present, else what an added result published. */
    Result result(Optional<HostState> fresh) {
      Optional<HostState> state = fresh.isPresent() ? fresh : published;
      HostTimeline out =
          fresh.map(s -> timeline.withIntake(timeline.intake().withPublished(s))).orElse(timeline);
      return new Result(out, incidents, alerts, state, false);
    }
  }
}
