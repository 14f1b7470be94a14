package dev.pinpipe.local.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the Spark job's jars are: {@code spark-jobs/target/pinpipe-spark-jobs.jar} (the job) and
 * {@code spark-jobs/target/spark-lib/} (Spark and the rest), under the pinpipe home.
 *
 * @param home   the repository root they were found under
 * @param jobJar the job's shaded jar
 * @param libDir Spark's jars
 */
public record JobFiles(Path home, Path jobJar, Path libDir) {

  /** The system property {@code ./pinpipe} sets to the repository root. */
  public static final String HOME_PROPERTY = "pinpipe.home";
  public static final String BUILD_COMMAND = "mvn -pl spark-jobs -am package -DskipTests";

  /** From {@code pinpipe.home}, else relative to the running pinpipe.jar, else the current directory. */
  public static JobFiles locate() {
    return locate(Optional.ofNullable(System.getProperty(HOME_PROPERTY)).map(Path::of), codeSource(), Path.of(""));
  }

  /**
   * @param home       the pinpipe home, when given
   * @param codeSource where this code runs from: {@code verticles/target/pinpipe.jar} (or
   *                   {@code verticles/target/classes} in tests), three levels under the home
   * @param workingDir the fallback
   * @throws IllegalStateException naming what is missing and the command that builds it
   */
  static JobFiles locate(Optional<Path> home, Optional<Path> codeSource, Path workingDir) {
    Path root = home.or(() -> codeSource.flatMap(JobFiles::rootOf)).orElse(workingDir).toAbsolutePath().normalize();
    Path target = root.resolve("spark-jobs").resolve("target");
    JobFiles files = new JobFiles(root, target.resolve("pinpipe-spark-jobs.jar"), target.resolve("spark-lib"));
    if (!Files.isRegularFile(files.jobJar)) {
      throw missing(root, files.jobJar + " is missing");
    }
    if (!hasJars(files.libDir)) {
      throw missing(root, files.libDir + " holds no jars");
    }
    return files;
  }

  /** The class path of the job's JVM: the job first, then Spark (the launcher expands the wildcard). */
  public String classPath() {
    return jobJar + java.io.File.pathSeparator + libDir.resolve("*");
  }

  private static IllegalStateException missing(Path root, String what) {
    return new IllegalStateException("the Spark job is not built: " + what + "; build it with `" + BUILD_COMMAND
        + "` in " + root + " (or run ./pinpipe, which builds it)");
  }

  private static boolean hasJars(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(file -> file.getFileName().toString().endsWith(".jar"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** {@code <root>/verticles/target/<jar or classes>} gives {@code <root>}. */
  private static Optional<Path> rootOf(Path codeSource) {
    Path target = codeSource.toAbsolutePath().getParent();
    if (target == null || target.getFileName() == null || !"target".equals(target.getFileName().toString())
        || target.getParent() == null || target.getParent().getParent() == null) {
      return Optional.empty();
    }
    return Optional.of(target.getParent().getParent());
  }

  private static Optional<Path> codeSource() {
    try {
      var source = JobFiles.class.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | SecurityException e) {
      return Optional.empty();
    }
  }
}
