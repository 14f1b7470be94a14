package dev.pinpipe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What this JVM (broker, S3, sink and driver alike) used over one measured interval: CPU of the
 * process and of the machine ({@link CpuSampler}), CPU per thread group (Java threads by name with
 * digits blanked, from {@link ThreadMXBean}; the VM's own JIT, GC and VM threads from
 * {@code /proc/self/task}), peak heap in use (sampled every {@link #SAMPLE_MS} ms) and garbage
 * collection.
 */
final class ProcessMeter {

  private static final long SAMPLE_MS = 50;
  static final String JIT = "(VM: JIT compiler threads)";
  static final String GC = "(VM: GC threads)";
  static final String VM_OTHER = "(VM: other threads)";
  /** What the process used beyond every thread counted: threads that ended meanwhile, rounding of clock ticks. */
  static final String UNATTRIBUTED = "(unattributed)";

  /** One interval's figures. */
  record Usage(CpuSampler.Usage cpu, Map<String, Double> threadGroupSeconds, long peakHeapBytes, long gcCount, double gcSeconds) {

    double processSeconds() {
      return cpu.seconds().get("process");
    }
  }

  /** Started with {@link #start()}, ended with {@link Interval#stop()}. */
  final class Interval {
    private final CpuSampler.Snapshot cpuBefore;
    private final Map<Long, ThreadTime> threadsBefore;
    private final Map<Long, NativeThread> nativeBefore;
    private final long gcCountBefore;
    private final long gcMillisBefore;
    private final AtomicLong peakHeap = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private Interval() {
      gcCountBefore = gcCount();
      gcMillisBefore = gcMillis();
      threadsBefore = threadTimes();
      nativeBefore = nativeThreads();
      cpuBefore = cpu.take();
      sampler = new Thread(this::sample, "bench-heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    private void sample() {
      while (running) {
        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(SAMPLE_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    Usage stop() {
      CpuSampler.Snapshot cpuAfter = cpu.take();
      Map<Long, ThreadTime> threadsAfter = threadTimes();
      running = false;
      sampler.interrupt();
      peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      Map<String, Double> groups = new HashMap<>();
      threadsAfter.forEach((id, after) -> {
        ThreadTime before = threadsBefore.get(id);
        long nanos = after.cpuNanos - (before == null ? 0 : before.cpuNanos);
        if (nanos > 0) {
          groups.merge(group(after.name), nanos / 1e9, Double::sum);
        }
      });
      CpuSampler.Usage processCpu = cpu.between(cpuBefore, cpuAfter);
      // JIT compilers, GC workers and other VM threads are not Java threads: their time comes from /proc.
      Map<Long, NativeThread> nativeAfter = nativeThreads();
      nativeAfter.forEach((tid, after) -> {
        NativeThread before = nativeBefore.get(tid);
        long ticks = after.ticks - (before == null ? 0 : before.ticks);
        if (ticks > 0) {
          groups.merge(after.group, ticks / (double) ticksPerSecond, Double::sum);
        }
      });
      double attributed = groups.values().stream().mapToDouble(Double::doubleValue).sum();
      double rest = processCpu.seconds().get("process") - attributed;
      if (rest >= 0.05) {
        groups.put(UNATTRIBUTED, rest);
      }
      Map<String, Double> sorted = new LinkedHashMap<>();
      groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
      return new Usage(processCpu, sorted, peakHeap.get(), gcCount() - gcCountBefore,
          (gcMillis() - gcMillisBefore) / 1000.0);
    }
  }

  private record ThreadTime(String name, long cpuNanos) {
  }

  /** A thread of the VM itself (not a Java thread): its group and CPU in clock ticks. */
  private record NativeThread(String group, long ticks) {
  }

  private final CpuSampler cpu = new CpuSampler(Map.of("process", ProcessHandle.current().pid()));
  private final long ticksPerSecond = CpuSampler.clockTicks();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

  ProcessMeter() {
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  Interval start() {
    return new Interval();
  }

  int cores() {
    return cpu.cores();
  }

  /** A thread's group: its name with digit runs as N, e.g. {@code vert.x-eventloop-thread-N}. */
  static String group(String threadName) {
    return threadName.replaceAll("\\d+", "N");
  }

  private Map<Long, ThreadTime> threadTimes() {
    Map<Long, ThreadTime> times = new HashMap<>();
    if (!threads.isThreadCpuTimeSupported()) {
      return times;
    }
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long nanos = threads.getThreadCpuTime(ids[i]);
      if (infos[i] != null && nanos >= 0) {
        times.put(ids[i], new ThreadTime(infos[i].getThreadName(), nanos));
      }
    }
    return times;
  }

  /** The VM's own threads (compilers, GC, VM thread...) from /proc/self/task: they have no ThreadMXBean entry. */
  private static Map<Long, NativeThread> nativeThreads() {
    Map<Long, NativeThread> threads = new HashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return threads;
    }
    try (Stream<Path> dirs = Files.list(tasks)) {
      dirs.forEach(dir -> {
        try {
          String group = vmGroup(Files.readString(dir.resolve("comm")).trim());
          if (group == null) {
            return;
          }
          String stat = Files.readString(dir.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
          threads.put(Long.parseLong(dir.getFileName().toString()), new NativeThread(group, Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      });
    } catch (IOException | UncheckedIOException e) {
      return threads;
    }
    return threads;
  }

  /** The group of a VM thread by its OS name (15 characters at most), or null for a Java thread. */
  static String vmGroup(String comm) {
    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre") || comm.startsWith("Sweeper thread")) {
      return JIT;
    }
    if (comm.startsWith("GC Thread#") || comm.startsWith("G1 ")) {
      return GC;
    }
    if (comm.equals("VM Thread") || comm.startsWith("VM Periodic Tas") || comm.startsWith("Monitor Deflati")) {
      return VM_OTHER;
    }
    return null;
  }

  private long gcCount() {
    return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n >= 0).sum();
  }

  private long gcMillis() {
    return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(n -> n >= 0).sum();
  }
}
