package dev.stallwatch.server.team;

import dev.stallwatch.model.team.Silence;
import java.time.Instant;

/**
 * A silence with its state now.
 *
 * @param state {@code pending} (not started, or a maintenance window between occurrences), {@code
 *     active}, or {@code expired}
 * @param endedAt when it ended: its end, its early expiry, or when the last alert it covered
 *     resolved ("until resolved"); null while it has not
 */
public record SilenceView(Silence silence, String state, Instant endedAt) {}
