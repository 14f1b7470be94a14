package dev.pinpipe.local.runtime;

import dev.pinpipe.local.runtime.EmbeddedSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a command is about to start in this process, claimed before anything starts: first the
 * data directory (when an embedded service will keep data there, see {@link DataDirectoryLock}),
 * then every port it will listen on. A refusal names the holder, or each port taken with the flag
 * that moves it, and leaves nothing started.
 */
public final class StartPlan {

  /** A port the command listens on: what listens there, the setting that gives it and the flag that moves it. */
  record Listener(String host, int port, String what, String setBy, String flag) {

    String describe() {
      return "port " + port + " (" + what + ", " + setBy + ")";
    }
  }

  private final EmbeddedSettings embedded;
  private final List<String> services = new ArrayList<>();
  private final List<Listener> listeners = new ArrayList<>();

  private StartPlan(EmbeddedSettings embedded) {
    this.embedded = embedded;
  }

  public static StartPlan in(EmbeddedSettings embedded) {
    return new StartPlan(embedded);
  }

  /** The embedded Kafka broker: its client port and its controller's, the next one. */
  public StartPlan kafka() {
    services.add("kafka");
    listeners.add(new Listener("localhost", embedded.kafkaPort(), "Kafka broker", "--kafka-port", "--kafka-port"));
    listeners.add(new Listener("localhost", embedded.kafkaPort() + 1, "Kafka controller", "--kafka-port + 1", "--kafka-port"));
    return this;
  }

  public StartPlan s3() {
    services.add("s3");
    listeners.add(new Listener("127.0.0.1", embedded.s3Port(), "embedded S3", "--s3-port", "--s3-port"));
    return this;
  }

  public StartPlan mariaDb() {
    services.add("mariadb");
    listeners.add(new Listener("127.0.0.1", embedded.mysqlPort(), "embedded MariaDB", "--mysql-port", "--mysql-port"));
    return this;
  }

  /** A server of the command's own, e.g. the ingestion API: its port is checked, it keeps nothing in the data directory. */
  public StartPlan listener(String host, int port, String what, String flag) {
    listeners.add(new Listener(host, port, what, flag, flag));
    return this;
  }

  /**
   * Takes the data directory's lock when an embedded service will start, then checks every port.
   *
   * @param command this process's command line, named to anyone refused the directory
   * @return the lock to hold while the services run (the OS releases it when the process ends)
   * @throws IllegalStateException naming the directory's holder or the ports taken
   */
  public DataDirectoryLock claim(String command) {
    DataDirectoryLock lock = services.isEmpty() ? DataDirectoryLock.none() : DataDirectoryLock.acquire(embedded.dataDir(), command);
    try {
      checkPorts();
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    return lock;
  }

  /** The embedded services to start, for tests and logs. */
  List<String> services() {
    return List.copyOf(services);
  }

  List<Listener> listeners() {
    return List.copyOf(listeners);
  }

  void checkPorts() {
    List<String> problems = new ArrayList<>();
    Map<Integer, Listener> byPort = new LinkedHashMap<>();
    for (Listener listener : listeners) {
      if (listener.port() == 0) {
        continue;
      }
      Listener other = byPort.putIfAbsent(listener.port(), listener);
      if (other != null) {
        problems.add("port " + listener.port() + " is given to both the " + other.what() + " (" + other.setBy() + ") and the "
            + listener.what() + " (" + listener.setBy() + "); choose another " + listener.flag());
      } else {
        bindProblem(listener).ifPresent(problems::add);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(problems.stream().collect(Collectors.joining("; ")));
    }
  }

  /** Binds the port as the server will, and lets it go. */
  private static Optional<String> bindProblem(Listener listener) {
    InetSocketAddress address;
    try {
      address = "0.0.0.0".equals(listener.host())
          ? new InetSocketAddress(listener.port())
          : new InetSocketAddress(InetAddress.getByName(listener.host()), listener.port());
    } catch (UnknownHostException e) {
      return Optional.of("the host " + listener.host() + " of " + listener.describe() + " does not resolve");
    }
    try (ServerSocket probe = new ServerSocket()) {
      // As the servers bind: address reuse on, so a port with only TIME_WAIT connections counts as free.
      probe.setReuseAddress(true);
      probe.bind(address);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(listener.describe() + " is in use; choose another " + listener.flag() + " or stop what listens there");
    }
  }
}
