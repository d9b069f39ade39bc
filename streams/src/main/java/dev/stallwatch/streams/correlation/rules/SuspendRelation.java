package dev.stallwatch.streams.correlation.rules;

import java.time.Duration;

/**
 * A rule that explains hangs right after the guest was suspended (the PC slept): the hang must
 * begin while the guest was suspended, or at most {@code within} after it resumed. A suspend is a
 * {@code freeze} that the monotonic clock did not see ({@link SignalKinds#SUSPENDED}).
 *
 * @param within how long after the resume a hang still counts as caused by it
 * @param grace clock skew allowed before the suspend began
 */
public record SuspendRelation(Duration within, Duration grace) {}
