package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import java.time.Instant;

/**
 * Whether the Docker engine answered its last probe, and since when that has been so.
 *
 * @param evidence the probe that changed the state
 */
public record EngineState(boolean reachable, Instant since, Evidence evidence) {}
