package dev.pinpipe.bench;

import dev.pinpipe.local.db.SourceDatabase;

import dev.pinpipe.local.dataset.DatasetGenerator;
import dev.pinpipe.posts.GeoRow;
import dev.pinpipe.posts.PinRow;
import dev.pinpipe.posts.Post;
import dev.pinpipe.posts.UserRow;
import dev.pinpipe.local.db.DatabaseSeeder;
import dev.pinpipe.embedded.EmbeddedMariaDb;
import dev.pinpipe.db.MySqlSettings;
import dev.pinpipe.db.PostReader;
import dev.pinpipe.db.Schema;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * How fast posts come out of the source database: the original script's query shape against
 * pinpipe's keyed read, on the same embedded MariaDB, in the same run.
 *
 * <p>The original read each post with three queries, {@code SELECT * FROM <table> LIMIT n, 1}
 * for a random {@code n}, one per table, string-built: MariaDB walks {@code n} rows of each table
 * to return one, so a read costs O(table size). pinpipe reads by primary key
 * ({@link PostReader#read}: one prepared query joining the three tables on the index, or one query
 * for a whole batch). Every shape reads the same random sample of posts (a seeded sequence of
 * positions, the same for each shape of a table), a post counting once all three of its rows are
 * back and checked. First the table of {@code --posts} (11,000, the original's size), then the
 * same tables grown to {@code --large-posts} (the posts after the first 11,000 appended, so the
 * tables hold exactly {@code DatasetGenerator.generate(seed, large)}), where only the sample of
 * posts that fits in a time cap is read.
 */
@Command(name = "mysql-read-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmarks reading posts from the source MySQL: the original LIMIT n,1 queries against pinpipe's keyed reads, on an embedded MariaDB.")
public final class MySqlReadBenchmark implements Callable<Integer> {

  @Option(names = "--posts", paramLabel = "N", defaultValue = "11000", description = "Posts in the tables of the first part (default: ${DEFAULT-VALUE}, the original's size).")
  int posts;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Seed of the generated dataset (default: ${DEFAULT-VALUE}, as `pinpipe run`).")
  long seed;

  @Option(names = "--sample-seed", paramLabel = "SEED", defaultValue = "7",
      description = "Seed of the random posts read; every shape of a table reads the same sequence (default: ${DEFAULT-VALUE}).")
  long sampleSeed;

  @Option(names = "--measure-posts", paramLabel = "N", defaultValue = "1100000",
      description = "Posts read in each measured run of the first part (the same sample for each shape), unless --max-seconds ends it first (default: ${DEFAULT-VALUE}).")
  int measurePosts;

  @Option(names = "--max-seconds", paramLabel = "SECONDS", defaultValue = "10",
      description = "A measured run starts no read after this long: slow shapes read a prefix of the sample (default: ${DEFAULT-VALUE}).")
  double maxSeconds;

  @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "3",
      description = "Unmeasured reads of the same shape (another sample) before each measured run (default: ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
      description = "Reads in flight at once in the concurrent shapes, and the pool's size (default: ${DEFAULT-VALUE}, as the emulator and its pool).")
  int concurrency;

  @Option(names = "--batch-sizes", paramLabel = "N,N", split = ",", defaultValue = "100,64,512",
      description = "Posts per keyed read in the batch shapes, each at --concurrency (default: ${DEFAULT-VALUE}; 100 is the emulator's posts"
          + " mode, which PostReader pads to 512 keys; 64 and 512 need no padding).")
  List<Integer> batchSizes;

  @Option(names = "--prepared-limit", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "On the first tables, also run the LIMIT query prepared, LIMIT ?, 1 with the offset as a parameter (default: ${DEFAULT-VALUE}).")
  boolean preparedLimit;

  @Option(names = "--new-connection-limit", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "On the first tables, also open a new connection per post for its three string-built LIMIT queries, one post at"
          + " a time: the cost of a loop that connects for every post (default: ${DEFAULT-VALUE}).")
  boolean newConnectionLimit;

  @Option(names = "--large-posts", paramLabel = "N", defaultValue = "1000000",
      description = "Then grow the tables to this many posts and measure again; 0: skip (default: ${DEFAULT-VALUE}).")
  int largePosts;

  @Option(names = "--large-measure-posts", paramLabel = "N", defaultValue = "1100000",
      description = "Posts read in each measured run on the large tables, unless --large-max-seconds ends it first (default: ${DEFAULT-VALUE}).")
  int largeMeasurePosts;

  @Option(names = "--large-max-seconds", paramLabel = "SECONDS", defaultValue = "20",
      description = "Time cap of a measured run on the large tables (default: ${DEFAULT-VALUE}).")
  double largeMaxSeconds;

  @Option(names = "--mysql-port", paramLabel = "PORT", defaultValue = "0", description = "Port of the embedded MariaDB; 0: a free one (default: ${DEFAULT-VALUE}).")
  int mysqlPort;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Parent of the temporary directory of the MariaDB server and its tables, removed at exit (default: the system's temporary directory).")
  Path dataDir;

  @Option(names = "--quiet-cores", paramLabel = "CORES", defaultValue = "0.15",
      description = "Before each measured run, wait until other processes (the MariaDB server included) use fewer cores than this (over 2 s); 0: never (default: ${DEFAULT-VALUE}).")
  double quietCores;

  @Option(names = "--quiet-wait", paramLabel = "SECONDS", defaultValue = "120",
      description = "Longest wait for a quiet machine before a run; then it runs anyway and the report says so (default: ${DEFAULT-VALUE}).")
  long quietWaitSeconds;

  @Option(names = "--label", paramLabel = "TEXT", description = "Names this run in the report.")
  String label;

  @Option(names = "--revision", paramLabel = "TEXT", description = "The source revision, for the report.")
  String revision;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the report to this file.")
  Path out;

  static final String PIN_KEY = "index";
  static final String OTHER_KEY = "ind";
  private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  /** Rows of each multi-row INSERT when growing the tables, and posts per transaction. */
  private static final int INSERT_ROWS = 100;
  private static final int LOAD_CHUNK = 5_000;

  /** How one shape reads posts. */
  enum Method {
    LIMIT_NEW_CONNECTION("`LIMIT n, 1` string-built, a new connection per post, 3 queries per post", true),
    LIMIT_TEXT("`LIMIT n, 1` string-built (text protocol), 3 queries per post", true),
    LIMIT_PREPARED("`LIMIT ?, 1` prepared, 3 queries per post", true),
    KEYED("keyed `PostReader.read`", false);

    final String description;
    final boolean limit;

    Method(String description, boolean limit) {
      this.description = description;
      this.limit = limit;
    }
  }

  /** One way of reading: how, how many posts per read, how many reads in flight. */
  record Shape(Method method, int batch, int concurrency) {

    String name() {
      if (method.limit) {
        return method.description + ", " + (concurrency == 1 ? "one post at a time" : concurrency + " posts in flight");
      }
      return method.description + ", " + (batch == 1 ? "1 post" : batch + " posts") + " per read, "
          + (concurrency == 1 ? "one read at a time" : concurrency + " reads in flight");
    }
  }

  /** One measured run. */
  record Result(String table, long tablePosts, Shape shape, long posts, long asked, double seconds, long reads, Histogram latency,
                long mismatches, CpuSampler.Usage cpu, Map<String, Long> handlerReads, String loadAverage, boolean capped) {

    double postsPerSecond() {
      return posts / seconds;
    }

    double rowsPerSecond() {
      return 3 * posts / seconds;
    }
  }

  /** What the report says about one table size. */
  record TableInfo(String name, long posts, String tableSizes, double loadSeconds, double indexesSeconds, int sampleSize, double maxSeconds) {
  }

  private final String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  private final List<Result> results = new ArrayList<>();
  private final List<TableInfo> tables = new ArrayList<>();
  private final Map<String, String> server = new LinkedHashMap<>();
  private QuietMachine quiet;
  private CpuSampler cpu;
  private Vertx vertx;
  private Pool pool;
  private MySqlSettings settings;
  private PrintStream console;

  public static void main(String[] args) {
    DriverMain.run("mysql read benchmark", new MySqlReadBenchmark(), args);
  }


  @Override
  public Integer call() throws Exception {
    if (posts < 1 || measurePosts < 1 || concurrency < 1 || batchSizes.stream().anyMatch(size -> size < 1)
        || largePosts != 0 && largePosts <= posts || largeMeasurePosts < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--posts, --measure-posts, --concurrency, --batch-sizes and --large-measure-posts must be at least 1, and --large-posts 0 or more than --posts");
    }
    console = System.out;
    quiet = new QuietMachine(quietCores, Duration.ofSeconds(quietWaitSeconds), console);
    Path dir = dataDir == null ? Files.createTempDirectory("pinpipe-mysql-bench")
        : Files.createTempDirectory(Files.createDirectories(dataDir), "pinpipe-mysql-bench");
    int port = mysqlPort == 0 ? freePort() : mysqlPort;
    console.printf(Locale.ROOT, "mysql read benchmark: %d cores, load %s, JVM %s; MariaDB in %s, port %d%n",
        Runtime.getRuntime().availableProcessors(), CpuSampler.loadAverage(), System.getProperty("java.vm.version"), dir, port);
    vertx = Vertx.vertx();
    EmbeddedMariaDb db = null;
    try {
      long startNanos = System.nanoTime();
      db = EmbeddedMariaDb.start(dir, port);
      console.printf(Locale.ROOT, "  MariaDB started in %.1f s%n", (System.nanoTime() - startNanos) / 1e9);
      Map<String, Long> pids = new LinkedHashMap<>();
      pids.put("driver", ProcessHandle.current().pid());
      pids.put("mariadbd", mariadbPid().orElse(null));
      cpu = new CpuSampler(pids);
      settings = SourceDatabase.settings(db);
      pool = settings.pool(vertx, concurrency);
      describeServer();

      long seeded = System.nanoTime();
      Await.of(Schema.create(pool).compose(created -> DatabaseSeeder.seed(pool, DatasetGenerator.generate(seed, posts))), 600);
      double seedSeconds = (System.nanoTime() - seeded) / 1e9;
      console.printf(Locale.ROOT, "  seeded %,d posts in %.1f s (DatabaseSeeder)%n", posts, seedSeconds);
      measureTable("small", posts, seedSeconds, measurePosts, maxSeconds, true);

      if (largePosts > 0) {
        long loading = System.nanoTime();
        grow(posts, largePosts);
        double loadSeconds = (System.nanoTime() - loading) / 1e9;
        console.printf(Locale.ROOT, "  grew the tables to %,d posts in %.1f s%n", largePosts, loadSeconds);
        measureTable("large", largePosts, loadSeconds, largeMeasurePosts, largeMaxSeconds, false);
      }
    } finally {
      if (pool != null) {
        Await.quietly(pool.close(), 30);
      }
      if (db != null) {
        db.close();
      }
      Await.quietly(vertx.close(), 30);
      delete(dir);
    }

    String report = MySqlReadReport.render(this);
    console.println();
    console.print(report);
    if (out != null) {
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, report, StandardCharsets.UTF_8);
    }
    return 0;
  }

  /** Every shape on the tables as they are now ({@code tablePosts} posts). */
  private void measureTable(String name, int tablePosts, double loadSeconds, int sampleSize, double cap, boolean first) {
    long listing = System.nanoTime();
    List<Integer> indexes = Await.of(PostReader.indexes(pool), 600);
    double indexesSeconds = (System.nanoTime() - listing) / 1e9;
    for (int i = 0; i < indexes.size(); i++) {
      if (indexes.get(i) != i) {
        throw new IllegalStateException("the tables should hold posts 0 to " + (tablePosts - 1) + ", but position " + i + " holds " + indexes.get(i));
      }
    }
    if (indexes.size() != tablePosts) {
      throw new IllegalStateException("the tables hold " + indexes.size() + " complete posts, expected " + tablePosts);
    }
    tables.add(new TableInfo(name, tablePosts, tableSizes(), loadSeconds, indexesSeconds, sampleSize, cap));
    console.printf(Locale.ROOT, "%n%s tables: %,d posts (PostReader.indexes: %.2f s); %s%n", name, tablePosts, indexesSeconds, tables.get(tables.size() - 1).tableSizes());

    int[] sample = sample(sampleSeed, tablePosts, sampleSize);
    int[] warmupSample = sample(sampleSeed ^ 0x5DEECE66DL, tablePosts, Math.max(sampleSize, 1_000));

    List<Shape> shapes = new ArrayList<>();
    if (first && newConnectionLimit) {
      shapes.add(new Shape(Method.LIMIT_NEW_CONNECTION, 1, 1));
    }
    shapes.add(new Shape(Method.LIMIT_TEXT, 1, 1));
    if (first && preparedLimit) {
      shapes.add(new Shape(Method.LIMIT_PREPARED, 1, 1));
    }
    shapes.add(new Shape(Method.KEYED, 1, 1));
    shapes.add(new Shape(Method.LIMIT_TEXT, 1, concurrency));
    if (first && preparedLimit) {
      shapes.add(new Shape(Method.LIMIT_PREPARED, 1, concurrency));
    }
    shapes.add(new Shape(Method.KEYED, 1, concurrency));
    for (int batch : batchSizes) {
      shapes.add(new Shape(Method.KEYED, batch, concurrency));
    }
    for (Shape shape : shapes) {
      console.printf(Locale.ROOT, "  %s%n", shape.name());
      run(name, tablePosts, shape, warmupSample, true, warmupSeconds);
      try {
        quiet.await(shape.name());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      Result result = run(name, tablePosts, shape, sample, false, cap);
      results.add(result);
      console.printf(Locale.ROOT, "    %,d of %,d posts in %.2f s: %,.0f posts/s, %,.0f rows/s; p50 %.2f ms, p99 %.2f ms per read;"
              + " CPU driver %.1f s, mariadbd %.1f s, other %.1f s%s%n",
          result.posts(), result.asked(), result.seconds(), result.postsPerSecond(), result.rowsPerSecond(),
          result.latency().getValueAtPercentile(50) / 1000.0, result.latency().getValueAtPercentile(99) / 1000.0,
          result.cpu().seconds().get("driver"), result.cpu().seconds().get("mariadbd"), result.cpu().otherSeconds(),
          result.mismatches() == 0 ? "" : "; " + result.mismatches() + " rows of another post");
    }
  }

  /**
   * Reads posts of {@code positions} in order with {@code shape}: {@code shape.concurrency()}
   * reads in flight, each taking the next {@code shape.batch()} positions, until the positions
   * run out or {@code seconds} have passed (no read starts after that; warm-up: positions cycle).
   * Any failed read fails the whole run.
   */
  private Result run(String table, int tablePosts, Shape shape, int[] positions, boolean warmup, double seconds) {
    Reader reader = reader(shape.method());
    AtomicInteger next = new AtomicInteger();
    LongAdder done = new LongAdder();
    LongAdder reads = new LongAdder();
    LongAdder mismatches = new LongAdder();
    Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicInteger workers = new AtomicInteger(shape.concurrency());
    CompletableFuture<Long> finished = new CompletableFuture<>();
    Map<String, Long> handlersBefore = warmup ? Map.of() : handlerReads();
    CpuSampler.Snapshot cpuBefore = cpu.take();
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    int limit = warmup ? Integer.MAX_VALUE : positions.length;

    class Worker {
      void step() {
        int from = failure.get() != null || System.nanoTime() >= deadline ? limit : next.getAndAdd(shape.batch());
        if (from >= limit || from < 0) {
          if (workers.decrementAndGet() == 0) {
            finished.complete(System.nanoTime());
          }
          return;
        }
        int to = Math.min(limit, from + shape.batch());
        List<Integer> batch = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
          batch.add(positions[i % positions.length]);
        }
        long began = System.nanoTime();
        Future<Integer> read;
        try {
          read = reader.read(batch);
        } catch (RuntimeException e) {
          read = Future.failedFuture(e);
        }
        read.onComplete(answer -> {
          if (answer.failed()) {
            failure.compareAndSet(null, answer.cause());
          } else {
            latency.recordValue(Math.max(1, (System.nanoTime() - began) / 1_000));
            done.add(batch.size());
            reads.increment();
            mismatches.add(answer.result());
          }
          step();
        });
      }
    }
    for (int i = 0; i < shape.concurrency(); i++) {
      new Worker().step();
    }
    long end;
    try {
      end = finished.get((long) seconds + 600, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the reads of " + shape.name() + " did not finish: " + e, e);
    }
    CpuSampler.Usage usage = cpu.between(cpuBefore, cpu.take());
    if (failure.get() != null) {
      throw new IllegalStateException((warmup ? "warm-up of " : "") + shape.name() + ": a read failed: " + failure.get(), failure.get());
    }
    Map<String, Long> handlers = new LinkedHashMap<>();
    if (!warmup) {
      Map<String, Long> after = handlerReads();
      after.forEach((key, value) -> handlers.put(key, value - handlersBefore.getOrDefault(key, 0L)));
    }
    long postsDone = done.sum();
    return new Result(table, tablePosts, shape, postsDone, warmup ? postsDone : positions.length, (end - start) / 1e9, reads.sum(), latency,
        mismatches.sum(), usage, handlers, CpuSampler.loadAverage(), !warmup && postsDone < positions.length);
  }

  /** Reads the posts at these positions; the answer is how many rows came from another post than asked. */
  private interface Reader {
    Future<Integer> read(List<Integer> positions);
  }

  private Reader reader(Method method) {
    return switch (method) {
      case KEYED -> positions -> PostReader.read(pool, positions).map(found -> {
        if (found.size() != positions.size()) {
          throw new IllegalStateException("asked " + positions.size() + " posts, got " + found.size());
        }
        int wrong = 0;
        for (int i = 0; i < found.size(); i++) {
          wrong += found.get(i).index() == positions.get(i) ? 0 : 1;
        }
        return wrong;
      });
      case LIMIT_PREPARED, LIMIT_TEXT, LIMIT_NEW_CONNECTION -> positions -> {
        if (positions.size() != 1) {
          throw new IllegalArgumentException("the LIMIT shapes read one post at a time");
        }
        int offset = positions.get(0);
        boolean prepared = method == Method.LIMIT_PREPARED;
        // The three queries one after the other, on one connection.
        java.util.function.Function<SqlConnection, Future<Integer>> three = connection ->
            limitRow(connection, Schema.PIN_TABLE, PIN_KEY, offset, prepared)
                .compose(pin -> limitRow(connection, Schema.GEO_TABLE, OTHER_KEY, offset, prepared).map(geo -> pin + geo))
                .compose(wrong -> limitRow(connection, Schema.USER_TABLE, OTHER_KEY, offset, prepared).map(user -> wrong + user));
        if (method != Method.LIMIT_NEW_CONNECTION) {
          return pool.withConnection(three::apply);
        }
        // A new connection (TCP, handshake, authentication) for every post, then the same three queries.
        return MySQLConnection.connect(vertx, settings.connectOptions())
            .compose(connection -> three.apply(connection).eventually(() -> connection.close()));
      };
    };
  }

  /**
   * {@code SELECT * FROM table LIMIT offset, 1}: prepared with the offset as a parameter, or
   * string-built like the original (the offset is an int, nothing else is spliced in). The row is
   * turned into a column-to-value map, as a script would. Answers 1 when
   * the row is not post {@code offset} (InnoDB returns rows in primary-key order, so it should be).
   */
  private static Future<Integer> limitRow(SqlConnection connection, String table, String key, int offset, boolean prepared) {
    Future<RowSet<Row>> rows = prepared
        ? connection.preparedQuery("SELECT * FROM " + table + " LIMIT ?, 1").execute(Tuple.of(offset))
        : connection.query("SELECT * FROM " + table + " LIMIT " + offset + ", 1").execute();
    return rows.map(set -> {
      if (set.size() != 1) {
        throw new IllegalStateException(table + " LIMIT " + offset + ", 1 returned " + set.size() + " rows");
      }
      Row row = set.iterator().next();
      Map<String, Object> values = new HashMap<>();
      for (int column = 0; column < row.size(); column++) {
        values.put(row.getColumnName(column), row.getValue(column));
      }
      Object index = values.get(key);
      return index instanceof Number number && number.intValue() == offset ? 0 : 1;
    });
  }

  /** {@code size} positions drawn uniformly from {@code [0, tablePosts)}, with replacement, as the emulator picks posts. */
  static int[] sample(long seed, int tablePosts, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] positions = new int[size];
    for (int i = 0; i < size; i++) {
      positions[i] = random.nextInt(tablePosts);
    }
    return positions;
  }

  /**
   * Appends posts {@code from} to {@code to - 1} of the dataset: multi-row prepared INSERTs of
   * {@value #INSERT_ROWS} rows, one transaction per {@value #LOAD_CHUNK} posts, a few chunks in
   * flight while the next is generated.
   */
  private void grow(int from, int to) throws InterruptedException {
    console.printf(Locale.ROOT, "%ngrowing the tables from %,d to %,d posts...%n", from, to);
    Semaphore inFlight = new Semaphore(3);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long started = System.nanoTime();
    long lastNote = started;
    for (int chunkStart = from; chunkStart < to && failure.get() == null; chunkStart += LOAD_CHUNK) {
      int chunkEnd = Math.min(to, chunkStart + LOAD_CHUNK);
      List<Post> chunk = IntStream.range(chunkStart, chunkEnd).parallel().mapToObj(i -> DatasetGenerator.post(seed, i)).toList();
      inFlight.acquire();
      pool.withTransaction(connection -> insert(connection, Schema.PIN_TABLE, PIN_COLUMNS, chunk, MySqlReadBenchmark::pinValues)
              .compose(done -> insert(connection, Schema.GEO_TABLE, GEO_COLUMNS, chunk, MySqlReadBenchmark::geoValues))
              .compose(done -> insert(connection, Schema.USER_TABLE, USER_COLUMNS, chunk, MySqlReadBenchmark::userValues)))
          .onComplete(done -> {
            if (done.failed()) {
              failure.compareAndSet(null, done.cause());
            }
            inFlight.release();
          });
      if (System.nanoTime() - lastNote > 15e9) {
        lastNote = System.nanoTime();
        console.printf(Locale.ROOT, "  %,d posts after %.0f s%n", chunkEnd, (lastNote - started) / 1e9);
      }
    }
    inFlight.acquire(3);
    inFlight.release(3);
    if (failure.get() != null) {
      throw new IllegalStateException("growing the tables failed: " + failure.get(), failure.get());
    }
  }

  private static final List<String> PIN_COLUMNS = List.of("`index`", "unique_id", "title", "description", "poster_name", "follower_count",
      "tag_list", "is_image_or_video", "image_src", "downloaded", "save_location", "category");
  private static final List<String> GEO_COLUMNS = List.of("ind", "`timestamp`", "latitude", "longitude", "country");
  private static final List<String> USER_COLUMNS = List.of("ind", "first_name", "last_name", "age", "date_joined");
  private final Map<String, String> insertSql = new java.util.concurrent.ConcurrentHashMap<>();

  private Future<Void> insert(SqlConnection connection, String table, List<String> columns, List<Post> chunk,
                              java.util.function.BiConsumer<Post, List<Object>> values) {
    Future<Void> done = Future.succeededFuture();
    for (int from = 0; from < chunk.size(); from += INSERT_ROWS) {
      List<Post> rows = chunk.subList(from, Math.min(chunk.size(), from + INSERT_ROWS));
      String sql = insertSql.computeIfAbsent(table + "/" + rows.size(), key -> {
        String group = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES " + String.join(", ", Collections.nCopies(rows.size(), group));
      });
      List<Object> params = new ArrayList<>(rows.size() * columns.size());
      rows.forEach(post -> values.accept(post, params));
      done = done.compose(previous -> connection.preparedQuery(sql).execute(Tuple.wrap(params))).mapEmpty();
    }
    return done;
  }

  private static void pinValues(Post post, List<Object> values) {
    PinRow pin = post.pin();
    Collections.addAll(values, pin.index(), pin.uniqueId(), pin.title(), pin.description(), pin.posterName(), pin.followerCount(),
        pin.tagList(), pin.isImageOrVideo(), pin.imageSrc(), pin.downloaded(), pin.saveLocation(), pin.category());
  }

  private static void geoValues(Post post, List<Object> values) {
    GeoRow geo = post.geo();
    Collections.addAll(values, geo.ind(), dateTime(geo.timestamp()), geo.latitude(), geo.longitude(), geo.country());
  }

  private static void userValues(Post post, List<Object> values) {
    UserRow user = post.user();
    Collections.addAll(values, user.ind(), user.firstName(), user.lastName(), user.age(), dateTime(user.dateJoined()));
  }

  private static LocalDateTime dateTime(String text) {
    return text == null ? null : LocalDateTime.parse(text, DATETIME);
  }

  /** The server's version and the InnoDB settings that decide a table scan's cost. */
  private void describeServer() {
    RowSet<Row> rows = Await.of(pool.query("SELECT VERSION(), @@innodb_buffer_pool_size, @@innodb_flush_log_at_trx_commit,"
        + " @@innodb_flush_method").execute(), 60);
    Row row = rows.iterator().next();
    server.put("version", row.getValue(0).toString());
    server.put("innodb_buffer_pool_size", String.format(Locale.ROOT, "%,d MiB", Long.parseLong(row.getValue(1).toString()) >> 20));
    server.put("innodb_flush_log_at_trx_commit", row.getValue(2).toString());
    server.put("innodb_flush_method", String.valueOf(row.getValue(3)));
  }

  /** Data and index size of each table, from information_schema (InnoDB's estimate). */
  private String tableSizes() {
    try {
      // InnoDB's statistics lag behind big inserts: refresh them first.
      Await.of(pool.query("ANALYZE TABLE " + String.join(", ", Schema.TABLES)).execute(), 600);
      RowSet<Row> rows = Await.of(pool.query("SELECT table_name, data_length, index_length, table_rows FROM information_schema.tables"
          + " WHERE table_schema = DATABASE() ORDER BY table_name DESC").execute(), 60);
      List<String> sizes = new ArrayList<>();
      for (Row row : rows) {
        sizes.add(String.format(Locale.ROOT, "%s %.1f MB", row.getValue(0), Long.parseLong(row.getValue(1).toString()) / 1e6));
      }
      return "data: " + String.join(", ", sizes);
    } catch (RuntimeException e) {
      return "data: n/a (" + e.getMessage() + ")";
    }
  }

  /** The server's row-read counters ({@code Handler_read_*}: rows read by scans and by key). */
  private Map<String, Long> handlerReads() {
    try {
      RowSet<Row> rows = Await.of(pool.query("SHOW GLOBAL STATUS LIKE 'Handler_read%'").execute(), 60);
      Map<String, Long> counters = new LinkedHashMap<>();
      for (Row row : rows) {
        counters.put(row.getValue(0).toString(), Long.parseLong(row.getValue(1).toString()));
      }
      return counters;
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  private static Optional<Long> mariadbPid() {
    return ProcessHandle.current().descendants()
        .filter(process -> process.info().command().map(command -> command.endsWith("mariadbd") || command.endsWith("mysqld")).orElse(false))
        .map(ProcessHandle::pid)
        .findFirst();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // best effort
        }
      });
    } catch (IOException e) {
      System.err.println("mysql read benchmark: could not remove " + dir + ": " + e.getMessage());
    }
  }

  // For the report.
  List<Result> results() {
    return results;
  }

  List<TableInfo> tables() {
    return tables;
  }

  Map<String, String> server() {
    return server;
  }

  String startedAt() {
    return startedAt;
  }

  String label() {
    return label;
  }

  String revision() {
    return revision;
  }

  int concurrency() {
    return concurrency;
  }

  double warmupSeconds() {
    return warmupSeconds;
  }

  long seed() {
    return seed;
  }

  long sampleSeed() {
    return sampleSeed;
  }

  int noisyRuns() {
    return quiet.noisyRuns();
  }
}
