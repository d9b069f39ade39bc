package dev.stallwatch.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** How cgroups are mounted in the distro, from /proc/mounts. */
public enum CgroupLayout {
  V1("v1"),
  HYBRID("hybrid"),
  V2("v2");

  private final String wireName;

  CgroupLayout(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }
}
