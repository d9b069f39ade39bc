package dev.stallwatch.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How bad an incident is for the person at the keyboard. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
