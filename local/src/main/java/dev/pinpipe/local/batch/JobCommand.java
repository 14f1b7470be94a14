package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.DailyJobOptions;
import dev.pinpipe.contracts.SparkJvmOptions;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of the job's JVM: java, Spark's JVM options, a heap sized to the machine, the class path and the job's arguments. */
public final class JobCommand {

  /** The job's lines (names, countries) reach us as UTF-8 whatever the locale. */
  static final List<String> UTF8_OUTPUT = List.of("-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8");

  static final long MIN_HEAP_MB = 1024;
  static final long MAX_HEAP_MB = 8192;

  private JobCommand() {
  }

  /** The daily job's command line, with a heap sized to this machine's physical memory. */
  public static List<String> of(JobFiles files, DailyJobOptions options) {
    return of(javaHere(), files, heapMegabytes(physicalMemoryBytes()), options);
  }

  static List<String> of(Path java, JobFiles files, long heapMb, DailyJobOptions options) {
    return of(java, files, DailyJobOptions.MAIN_CLASS, heapMb, List.of(), options);
  }

  /**
   * The command line of {@code mainClass}, the daily job or another main of its jar that takes
   * the job's options, with {@code jvmOptions} after Spark's own and the heap.
   */
  public static List<String> of(Path java, JobFiles files, String mainClass, long heapMb, List<String> jvmOptions, DailyJobOptions options) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(SparkJvmOptions.JAVA_17);
    command.addAll(UTF8_OUTPUT);
    command.add("-Xmx" + heapMb + "m");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(files.classPath());
    command.add(mainClass);
    command.addAll(options.toArguments());
    return command;
  }

  /** This JVM's own {@code java}. */
  public static Path javaHere() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
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
