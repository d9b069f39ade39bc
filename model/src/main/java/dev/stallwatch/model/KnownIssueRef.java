package dev.stallwatch.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A public issue an incident points to.
 *
 * @param id {@code owner/repo#number}
 * @param url the issue's GitHub address
 */
public record KnownIssueRef(String id, String url) {

  private static final Pattern ID = Pattern.compile("([\\w.-]+)/([\\w.-]+)#(\\d+)");

  public KnownIssueRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
  }

  /** The reference for {@code owner/repo#N}, with its GitHub issue URL. */
  public static KnownIssueRef of(String id) {
    var matcher = ID.matcher(id);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("known issue id must look like owner/repo#123: " + id);
    }
    String url =
        "https://github.com/%s/%s/issues/%s"
            .formatted(matcher.group(1), matcher.group(2), matcher.group(3));
    return new KnownIssueRef(id, url);
  }
}
