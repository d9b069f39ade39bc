package dev.stallwatch.streams.correlation.rules;

import java.time.Duration;

/**
 * How a rule's hang must sit in time against Docker Desktop's Resource Saver.
 *
 * @param grace clock skew allowed between the hang's onset and a transition
 * @param window how far back the transition may be: the entry before the onset ({@code active}), or
 *     the exit before the onset ({@code exited}); unused for {@code inactive} and {@code any}
 */
public record ResourceSaverRelation(State state, Duration grace, Duration window) {

  public enum State {
    /** Resource Saver was on when the hang began. */
    ACTIVE,
    /** Resource Saver was off when the hang began. */
    INACTIVE,
    /** Resource Saver had ended (within the window) when the hang began. */
    EXITED,
    /** No relation. */
    ANY
  }

  public static final ResourceSaverRelation NONE =
      new ResourceSaverRelation(State.ANY, Duration.ZERO, Duration.ZERO);
}
