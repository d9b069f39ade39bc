package dev.stallwatch.server.fleet;

import java.util.Arrays;

/**
 * A host's memory and I/O pressure samples over the last {@link #BUCKETS} steps of {@link
 * #STEP_MILLIS}, one slot per step in primitive arrays: about 7 KB per host, whatever the rate of
 * samples. Per step it keeps the lowest available memory (the dip is what matters before a hang),
 * the last page cache size and the highest PSI io avg10. Not thread-safe: {@link HostHistory}
 * guards it.
 */
final class SampleRing {

  /** Two minutes: 720 steps make 24 hours, enough points for a chart a screen wide. */
  static final long STEP_MILLIS = 120_000;

  static final int BUCKETS = 720;

  private static final int NONE = -1;
  private static final double PSI_SCALE = 100;

  private final int[] memAvailableKb = new int[BUCKETS];
  private final int[] pageCacheKb = new int[BUCKETS];
  private final short[] psiIoCenti = new short[BUCKETS];
  private long newestStep = Long.MIN_VALUE;

  SampleRing() {
    clear(0, BUCKETS);
  }

  static long stepOf(long epochMillis) {
    return Math.floorDiv(epochMillis, STEP_MILLIS);
  }

  /** Records a meminfo sample; either value may be null when the host did not report it. */
  void memory(long epochMillis, Long availableKb, Long cachedKb) {
    int slot = slotFor(epochMillis);
    if (slot < 0) {
      return;
    }
    if (availableKb != null) {
      int kb = clampKb(availableKb);
      int old = memAvailableKb[slot];
      memAvailableKb[slot] = old == NONE ? kb : Math.min(old, kb);
    }
    if (cachedKb != null) {
      pageCacheKb[slot] = clampKb(cachedKb);
    }
  }

  /** Records a PSI io {@code some avg10}, a percentage. */
  void ioPressure(long epochMillis, double avg10) {
    int slot = slotFor(epochMillis);
    if (slot < 0) {
      return;
    }
    short centi = (short) Math.round(Math.clamp(avg10, 0, 100) * PSI_SCALE);
    psiIoCenti[slot] = (short) Math.max(psiIoCenti[slot], centi);
  }

  /** Available memory in bytes of the step, or null when nothing was recorded for it. */
  Long memAvailableBytes(long step) {
    int kb = holds(step) ? memAvailableKb[slotOf(step)] : NONE;
    return kb == NONE ? null : kb * 1024L;
  }

  Long pageCacheBytes(long step) {
    int kb = holds(step) ? pageCacheKb[slotOf(step)] : NONE;
    return kb == NONE ? null : kb * 1024L;
  }

  Double psiIoAvg10(long step) {
    short centi = holds(step) ? psiIoCenti[slotOf(step)] : NONE;
    return centi == NONE ? null : centi / PSI_SCALE;
  }

  /** Whether the ring still holds the step: not newer than the newest, nor older than a day. */
  private boolean holds(long step) {
    return step <= newestStep && step > newestStep - BUCKETS;
  }

  /**
   * The slot of the sample's step, moving the ring forward (and emptying the slots it passes) when
   * the sample is newer than any before; -1 when the sample is older than what the ring holds.
   */
  private int slotFor(long epochMillis) {
    long step = stepOf(epochMillis);
    if (newestStep == Long.MIN_VALUE || step - newestStep >= BUCKETS) {
      clear(0, BUCKETS);
      newestStep = step;
    } else if (step > newestStep) {
      for (long s = newestStep + 1; s <= step; s++) {
        clear(slotOf(s), slotOf(s) + 1);
      }
      newestStep = step;
    } else if (!holds(step)) {
      return -1;
    }
    return slotOf(step);
  }

  private static int slotOf(long step) {
    return (int) Math.floorMod(step, BUCKETS);
  }

  private void clear(int fromSlot, int toSlot) {
    Arrays.fill(memAvailableKb, fromSlot, toSlot, NONE);
    Arrays.fill(pageCacheKb, fromSlot, toSlot, NONE);
    Arrays.fill(psiIoCenti, fromSlot, toSlot, (short) NONE);
  }

  private static int clampKb(long kb) {
    return (int) Math.clamp(kb, 0, Integer.MAX_VALUE);
  }
}
