package dev.stallwatch.app.collect;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The logging of {@code stallwatch collect}, set up in code when the launcher passes {@code
 * -Dstallwatch.logging=collect}: the same console output as {@code logback.xml}, without loading an
 * XML parser and the configuration framework, some seven hundred classes a long-running collector
 * would keep in memory for nothing. Every other command uses {@code logback.xml}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CollectLogging extends ContextAwareBase implements Configurator {

  /** The system property and value that select this configuration. */
  public static final String PROPERTY = "stallwatch.logging";

  public static final String COLLECT = "collect";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (!COLLECT.equals(System.getProperty(PROPERTY))) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss} %-5level %logger{0}: %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("dev.stallwatch").setLevel(Level.INFO);
    // Known noise: the producer warns about every connection attempt while Kafka is away; the
    // collector says that itself, once, with the spool depth.
    context.getLogger("org.apache.kafka.clients.NetworkClient").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
