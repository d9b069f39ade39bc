package dev.stallwatch.collector;

import java.util.List;

/** Delivers spooled records somewhere (Kafka) and says when they are safe. */
interface EventTransport extends AutoCloseable {

  /**
   * Sends the records in order and returns once all of them are acknowledged.
   *
   * @throws Exception when any of them was not acknowledged; the caller sends them again
   */
  void sendAll(List<Spool.Entry> records) throws Exception;

  @Override
  void close();
}
