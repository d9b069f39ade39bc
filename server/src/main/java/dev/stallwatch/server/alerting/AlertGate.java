package dev.stallwatch.server.alerting;

/**
 * Decides whether an alert goes out at all. Every sink asks it before each send, so a silence that
 * starts later stops the re-sends too.
 */
@FunctionalInterface
public interface AlertGate {

  AlertGate SEND_ALL = notice -> true;

  boolean shouldSend(AlertNotice notice);
}
