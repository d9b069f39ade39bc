package dev.stallwatch.search.kb;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** A product whose version decides whether a known issue applies. */
public enum Product {
  WSL("wsl", "WSL"),
  DOCKER_DESKTOP("dockerDesktop", "Docker Desktop"),
  KERNEL("kernel", "kernel"),
  WINDOWS("windows", "Windows");

  private final String key;
  private final String displayName;

  Product(String key, String displayName) {
    this.key = key;
    this.displayName = displayName;
  }

  /** The name used in knowledge base files and in JSON, e.g. {@code dockerDesktop}. */
  @JsonValue
  public String key() {
    return key;
  }

  public String displayName() {
    return displayName;
  }

  static Optional<Product> ofKey(String key) {
    return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
  }
}
