package dev.stallwatch.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of a command, closed in the reverse order they started (the collector before
 * the broker it writes to). A part that fails to close is logged and the others still close.
 */
public final class ServiceStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceStack.class);

  private final Deque<NamedService> services = new ArrayDeque<>();

  private record NamedService(String name, AutoCloseable service) {}

  public synchronized <T extends AutoCloseable> T add(String name, T service) {
    services.push(new NamedService(name, service));
    return service;
  }

  @Override
  public synchronized void close() {
    while (!services.isEmpty()) {
      NamedService next = services.pop();
      try {
        next.service().close();
      } catch (Exception e) {
        LOG.warn("stopping {} failed: {}", next.name(), e.toString());
      } catch (Error e) {
        LOG.error("stopping {} failed", next.name(), e);
        throw e;
      }
    }
  }
}
