package dev.pinpipe.local.batch;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of the job's JVM: java, Spark's JVM options, a heap sized to the machine, the class path and the job's arguments. */
public final class JobCommand {

  public static final String MAIN_CLASS = "dev.pinpipe.jobs.DailyJob";

  /** What Spark 3.5 needs to run on Java 17 (as spark-submit's launcher adds them). */
  public static final List<String> SPARK_JVM_OPTIONS = List.of(
      "-XX:+IgnoreUnrecognizedVMOptions",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Djdk.reflect.useDirectMethodHandle=false");

  /** The job's lines (names, countries) reach us as UTF-8 whatever the locale. */
  static final List<String> UTF8_OUTPUT = List.of("-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8");

  static final long MIN_HEAP_MB = 1024;
  static final long MAX_HEAP_MB = 8192;

  private JobCommand() {
  }

  /** The job's command line, with a heap sized to this machine's physical memory. */
  public static List<String> of(JobFiles files, JobRequest request) {
    return of(Path.of(System.getProperty("java.home"), "bin", "java"), files, heapMegabytes(physicalMemoryBytes()), request);
  }

  static List<String> of(Path java, JobFiles files, long heapMb, JobRequest request) {
    return of(java, files, request, MAIN_CLASS, "local[*]", heapMb, List.of());
  }

  /**
   * A command line of {@code mainClass} (the job, or another main of its jar taking the same
   * arguments) on {@code master}, with {@code extraJvmOptions}: for the benchmark.
   */
  public static List<String> of(JobFiles files, JobRequest request, String mainClass, String master, long heapMb,
                                List<String> extraJvmOptions) {
    return of(Path.of(System.getProperty("java.home"), "bin", "java"), files, request, mainClass, master, heapMb, extraJvmOptions);
  }

  private static List<String> of(Path java, JobFiles files, JobRequest request, String mainClass, String master, long heapMb,
                                 List<String> extraJvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(SPARK_JVM_OPTIONS);
    command.addAll(UTF8_OUTPUT);
    command.add("-Xmx" + heapMb + "m");
    command.addAll(extraJvmOptions);
    command.add("-cp");
    command.add(files.classPath());
    command.add(mainClass);
    command.addAll(List.of("--master", master, "--date", request.date().toString(), "--stage", request.stage().argument(),
        "--bucket", request.bucket()));
    request.s3Endpoint().ifPresent(endpoint -> command.addAll(List.of("--s3-endpoint", endpoint.toString())));
    if (request.pathStyle()) {
      command.add("--path-style");
    }
    command.addAll(List.of("--layout", request.layout(), "--topic-prefix", request.topicPrefix()));
    if (!request.outputPrefix().isEmpty()) {
      command.addAll(List.of("--output-prefix", request.outputPrefix()));
    }
    if (request.allowIncomplete()) {
      command.add("--allow-incomplete");
    }
    return command;
  }

  /** Half the physical memory, at least 1 GiB, at most 8 GiB. */
  static long heapMegabytes(long physicalBytes) {
    long half = physicalBytes / 2 / (1024 * 1024);
    return Math.max(MIN_HEAP_MB, Math.min(MAX_HEAP_MB, half));
  }

  /** The machine's memory (the container's limit inside a container). */
  static long physicalMemoryBytes() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
  }
}
