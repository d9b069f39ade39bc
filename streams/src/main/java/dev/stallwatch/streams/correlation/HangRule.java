package dev.stallwatch.streams.correlation;

import java.util.Optional;

/** One known cause of hangs: given a hang and what is known of its host, does it explain it? */
interface HangRule {

  String id();

  /** Whether the cause of this rule ends when Docker Desktop leaves Resource Saver. */
  boolean clearsOnResourceSaverExit();

  Optional<Explanation> explain(HangSignal signal, HostTimeline timeline);
}
