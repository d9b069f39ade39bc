package dev.stallwatch.server;

import dev.stallwatch.model.team.AuditEntry;
import dev.stallwatch.server.team.TeamLog;
import dev.stallwatch.server.team.TeamLogException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every state-changing route shares: who the author is, recording the change, and writing it
 * to the audit trail afterwards. A change Kafka did not store is a 503 and was not made.
 */
final class TeamChanges {

  private static final Logger LOG = LoggerFactory.getLogger(TeamChanges.class);
  static final int MAX_AUTHOR = 100;

  private final TeamLog log;
  private final AccessPolicy access;

  TeamChanges(TeamLog log, AccessPolicy access) {
    this.log = log;
    this.access = access;
  }

  TeamLog log() {
    return log;
  }

  /**
   * Who made the request: the authenticated caller ({@link AccessPolicy#caller}), with the name the
   * body gives in {@code author}, if any, in front: {@code anna (token)}.
   */
  String author(Context ctx, JsonBody body) {
    String caller = access.caller(ctx);
    String named = body.text("author");
    if (named == null || named.isBlank()) {
      return caller;
    }
    String name = named.strip();
    if (name.length() > MAX_AUTHOR || name.chars().anyMatch(Character::isISOControl)) {
      throw new io.javalin.http.BadRequestResponse(
          "author is a name of at most %d characters on one line.".formatted(MAX_AUTHOR));
    }
    return name + " (" + caller + ")";
  }

  /** Runs a change; Kafka's refusal becomes a 503 with the reason. */
  void apply(Runnable change) {
    try {
      change.run();
    } catch (TeamLogException e) {
      throw new HttpResponseException(HttpStatus.SERVICE_UNAVAILABLE.getCode(), e.getMessage());
    }
  }

  /** Writes the change to the audit trail; a failure there is logged, the change stands. */
  void audit(Context ctx, String actor, String action, String target, String detail, Instant at) {
    try {
      log.record(new AuditEntry(at, actor, action, target, detail, ctx.req().getRemoteAddr()));
    } catch (TeamLogException e) {
      LOG.error("the audit trail missed {} {} by {}: {}", action, target, actor, e.getMessage());
    }
  }
}
