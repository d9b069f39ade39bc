package dev.stallwatch.collector;

import java.util.Objects;

/**
 * One /dev/kmsg record header line, decoded.
 *
 * @param priority syslog level, 0 emergency .. 7 debug (the low 3 bits of the first field)
 * @param facility syslog facility (the rest of the first field; 0 = kernel)
 * @param seq the kernel's record sequence number; a jump means records were lost
 * @param microsSinceBoot monotonic time of the message
 * @param message the text, with {@code \xNN} escapes decoded
 */
record KmsgRecord(int priority, int facility, long seq, long microsSinceBoot, String message) {

  KmsgRecord {
    Objects.requireNonNull(message, "message");
  }
}
