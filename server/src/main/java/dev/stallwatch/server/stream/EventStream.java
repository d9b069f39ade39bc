package dev.stallwatch.server.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stallwatch.server.stream.Frames.ResyncReason;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub behind {@code GET /api/stream}: other parts {@link #publish} incident, alert, host,
 * silence and action changes, and every connected client gets them as server-sent events.
 *
 * <ul>
 *   <li>Each event gets the next id. The newest {@link StreamSettings#recentEvents()} are kept, so
 *       a client reconnecting with {@code Last-Event-ID} is sent exactly what it missed; when that
 *       is no longer kept (or the id is from an earlier run of the server) it is sent one {@code
 *       resync} event, telling it to reload.
 *   <li>{@link #publish} never waits for a client: each has a bounded queue and a writer thread of
 *       its own. A client {@link StreamSettings#clientBacklog()} events behind is sent {@code
 *       resync} and its stream ends; it reconnects.
 *   <li>A comment every {@link StreamSettings#heartbeat()} keeps proxies from closing an idle
 *       stream and finds clients that went away.
 * </ul>
 *
 * <p>The first id is the creator's choice: the dashboard server takes the time in microseconds, so
 * ids of a later run are above those of an earlier one and a reconnect across a restart is answered
 * with {@code resync}.
 */
public final class EventStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  // A client that reads ends at once; one that does not is cut off when the server stops.
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

  private final ObjectMapper json;
  private final StreamSettings settings;
  private final Runnable clientOpened;
  private final Runnable clientClosed;
  private final AtomicLong clientNumbers = new AtomicLong();
  private final Object lock = new Object();
  // Guarded by lock, as are the fields below it.
  private final ArrayDeque<StreamEvent> recent = new ArrayDeque<>();
  private final List<StreamClient> clients = new ArrayList<>();
  private long nextId;
  private ScheduledExecutorService heartbeat;
  private boolean closed;

  /** An event as sent, kept for clients that reconnect. */
  private record StreamEvent(long id, StreamEventType type, String frame) {}

  /**
   * @param json writes each payload; the server's mapper, which escapes {@code < > & '}
   * @param firstId the id of the first event published
   * @param clientOpened called when a client connects, e.g. to count it in {@code /metrics}
   * @param clientClosed called once its stream ended
   */
  public EventStream(
      ObjectMapper json,
      StreamSettings settings,
      long firstId,
      Runnable clientOpened,
      Runnable clientClosed) {
    this.json = Objects.requireNonNull(json, "json");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.nextId = firstId;
    this.clientOpened = Objects.requireNonNull(clientOpened, "clientOpened");
    this.clientClosed = Objects.requireNonNull(clientClosed, "clientClosed");
  }

  /**
   * Sends {@code payload}, as JSON, to every client that wants {@code type} events.
   *
   * @param type {@code incident}, {@code alert}, {@code host}, {@code silence} or {@code action}
   * @throws IllegalArgumentException for another type, or a payload that cannot be written as JSON
   */
  public void publish(String type, Object payload) {
    publish(StreamEventType.named(type), payload);
  }

  /** Sends {@code payload}, as JSON, to every client that wants {@code type} events. */
  public void publish(StreamEventType type, Object payload) {
    String data;
    try {
      data = json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "a " + type.wireName() + " event's payload cannot be written as JSON", e);
    }
    synchronized (lock) {
      if (closed) {
        return;
      }
      long id = nextId++;
      StreamEvent event = new StreamEvent(id, type, Frames.event(id, type.wireName(), data));
      if (recent.size() == settings.recentEvents()) {
        recent.removeFirst();
      }
      recent.addLast(event);
      offerToAll(event.type(), event.frame());
    }
  }

  /**
   * Connects a client: it is sent the {@code retry:} hint, then what it missed since {@code
   * lastEventId} (or {@code resync}), then every new event of {@code types}.
   *
   * @param onEnd run on its writer thread once the server ended its stream (it fell behind, or the
   *     stream closed); not when the client went away, as the container has ended the request then
   * @throws IllegalStateException once the stream is closed
   */
  void connect(
      String description,
      OptionalLong lastEventId,
      Set<StreamEventType> types,
      StreamClient.FrameWriter out,
      Runnable onEnd) {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the event stream is closed");
      }
      List<String> catchUp = catchUp(lastEventId, types);
      String name = "stallwatch-sse-client-" + clientNumbers.incrementAndGet();
      StreamClient client =
          new StreamClient(
              name,
              description,
              settings.clientBacklog() + catchUp.size() + 1,
              types,
              out,
              self -> {
                ended(self);
                if (self.endedByServer()) {
                  onEnd.run();
                }
              });
      client.offer(Frames.retry(settings.retry()));
      catchUp.forEach(client::offer);
      clients.add(client);
      startHeartbeat();
      clientOpened.run();
      client.start();
    }
  }

  /** What a client reconnecting after {@code lastEventId} missed, or one {@code resync}. */
  private List<String> catchUp(OptionalLong lastEventId, Set<StreamEventType> types) {
    if (lastEventId.isEmpty()) {
      return List.of();
    }
    long last = lastEventId.getAsLong();
    long newest = nextId - 1;
    long oldestKept = recent.isEmpty() ? nextId : recent.getFirst().id();
    if (last > newest || last < oldestKept - 1) {
      return List.of(Frames.resync(newest, ResyncReason.EXPIRED));
    }
    return recent.stream()
        .filter(event -> event.id() > last && types.contains(event.type()))
        .map(StreamEvent::frame)
        .toList();
  }

  /**
   * Queues a frame for every client that wants {@code type} (every client when null: a heartbeat);
   * one whose queue is full is let go.
   */
  private void offerToAll(StreamEventType type, String frame) {
    Iterator<StreamClient> each = clients.iterator();
    while (each.hasNext()) {
      StreamClient client = each.next();
      if ((type == null || client.wants(type)) && !client.offer(frame)) {
        each.remove();
        client.finish(Frames.resync(nextId - 1, ResyncReason.OVERFLOW));
        LOG.info(
            "event stream client {} fell {} events behind; it is sent resync and its stream ends",
            client.description(),
            settings.clientBacklog());
      }
    }
  }

  private void ended(StreamClient client) {
    synchronized (lock) {
      clients.remove(client);
    }
    clientClosed.run();
  }

  private void startHeartbeat() {
    if (heartbeat != null) {
      return;
    }
    heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("stallwatch-sse-heartbeat").daemon().factory());
    long every = settings.heartbeat().toMillis();
    heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  private void beat() {
    synchronized (lock) {
      offerToAll(null, Frames.HEARTBEAT);
    }
  }

  /**
   * Ends every client's stream (each reconnects once the server is back) and stops the heartbeat,
   * waiting up to a second for the streams to end: the server stops its connections next, and a
   * stream that ended first ends cleanly. Events published afterwards are dropped.
   */
  @Override
  public void close() {
    ScheduledExecutorService beats;
    List<StreamClient> ending;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      ending = List.copyOf(clients);
      ending.forEach(StreamClient::end);
      clients.clear();
      beats = heartbeat;
    }
    if (beats != null) {
      beats.shutdownNow();
    }
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    try {
      for (StreamClient client : ending) {
        client.awaitEnd(deadline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
