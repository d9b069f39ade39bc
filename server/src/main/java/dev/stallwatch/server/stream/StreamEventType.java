package dev.stallwatch.server.stream;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What an event on {@code /api/stream} is about; its name is the event's {@code event:} field. */
public enum StreamEventType {
  /** An incident opened, changed or resolved. */
  INCIDENT,
  /** An alert fired, resolved, or was silenced or suppressed. */
  ALERT,
  /** A host's state changed. */
  HOST,
  /** A silence was created, changed or expired. */
  SILENCE,
  /** Someone acknowledged an incident or added a note to it. */
  ACTION;

  /** The name on the wire, e.g. {@code incident}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The type named {@code name} on the wire.
   *
   * @throws IllegalArgumentException naming the types there are
   */
  public static StreamEventType named(String name) {
    for (StreamEventType type : values()) {
      if (type.wireName().equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "Unknown event type '%s'; use one of %s.".formatted(name, wireNames()));
  }

  /**
   * The types named in a comma-separated list such as {@code incident,alert}, possibly given in
   * several parts; all types when there are no parts.
   *
   * @throws IllegalArgumentException for an unknown or empty name
   */
  static Set<StreamEventType> parseList(List<String> parts) {
    if (parts.isEmpty()) {
      return EnumSet.allOf(StreamEventType.class);
    }
    Set<StreamEventType> types = EnumSet.noneOf(StreamEventType.class);
    for (String part : parts) {
      for (String name : part.split(",", -1)) {
        if (name.isBlank()) {
          throw new IllegalArgumentException(
              "The types parameter has an empty name; give a comma-separated list of "
                  + wireNames()
                  + ", e.g. types=incident,alert.");
        }
        types.add(named(name.strip()));
      }
    }
    return types;
  }

  static String wireNames() {
    return Arrays.stream(values()).map(StreamEventType::wireName).collect(Collectors.joining(", "));
  }
}
