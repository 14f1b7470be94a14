package dev.pinpipe.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) inside this JVM. Its log
 * directory is formatted once and reused, so data survives restarts.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;
  private static final long CHILD_STOP_SECONDS = 20;
  private static final AtomicBoolean HALT_PROCEDURE_SET = new AtomicBoolean();

  private final Path logDir;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  private EmbeddedKafka(Path logDir, int port, int controllerPort) {
    this.logDir = logDir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** Starts a broker on {@code port} (clients) and {@code port + 1} (controller). */
  public static EmbeddedKafka start(Path logDir, int port) {
    EmbeddedKafka kafka = new EmbeddedKafka(logDir.toAbsolutePath().normalize(), port, port + 1);
    kafka.start();
    return kafka;
  }

  public synchronized void start() {
    if (server != null) {
      return;
    }
    stopChildProcessesBeforeHalting();
    KafkaConfig config = new KafkaConfig(brokerProperties());
    formatIfNeeded();
    KafkaRaftServer started;
    try {
      started = new KafkaRaftServer(config, Time.SYSTEM);
      started.startup();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot start the embedded Kafka broker on ports " + port + " and " + controllerPort
          + " with its log dir " + logDir + ": " + messages(e), e);
    }
    server = started;
    LOG.atInfo().addKeyValue("bootstrap", bootstrapServers()).addKeyValue("logDir", logDir)
        .log("embedded Kafka broker started");
  }

  /** Stops the broker; {@link #start()} brings it back on the same ports and data. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
    LOG.atInfo().addKeyValue("bootstrap", bootstrapServers()).log("embedded Kafka broker stopped");
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  public Path logDir() {
    return logDir;
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Kafka halts the JVM on a fatal fault ({@link Exit#halt}, e.g. when its controller cannot
   * bind), which runs no shutdown hook: this process's children, such as the embedded MariaDB,
   * would outlive it. They are asked to stop first (SIGTERM; MariaDB shuts down cleanly).
   */
  static void stopChildProcessesBeforeHalting() {
    if (!HALT_PROCEDURE_SET.compareAndSet(false, true)) {
      return;
    }
    Exit.setHaltProcedure((status, message) -> {
      List<ProcessHandle> children = ProcessHandle.current().children().toList();
      LOG.atError().addKeyValue("status", status).addKeyValue("reason", message).addKeyValue("children", children.size())
          .log("Kafka halts this process after a fatal fault; stopping its child processes first");
      children.forEach(ProcessHandle::destroy);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_STOP_SECONDS);
      for (ProcessHandle child : children) {
        try {
          child.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
          child.destroyForcibly();
        }
      }
      Runtime.getRuntime().halt(status);
    });
  }

  private static String messages(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && text.indexOf(cause.getMessage()) < 0) {
        text.append(text.length() == 0 ? "" : ": ").append(cause.getMessage());
      }
    }
    return text.toString();
  }

  private Properties brokerProperties() {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "3");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "false");
    // Requests may carry up to the ingestion body limit.
    props.put("message.max.bytes", String.valueOf(16 * 1024 * 1024));
    return props;
  }

  private void formatIfNeeded() {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(logDir);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new Formatter()
          .setPrintStream(new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setIgnoreFormatted(true)
          .run();
      LOG.atDebug().addKeyValue("output", out.toString(java.nio.charset.StandardCharsets.UTF_8)).log("formatted Kafka log dir");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the Kafka log dir " + logDir + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the Kafka log dir " + logDir + " (delete it to start afresh): " + e.getMessage(), e);
    }
  }
}
