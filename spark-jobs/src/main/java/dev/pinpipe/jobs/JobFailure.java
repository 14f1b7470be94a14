package dev.pinpipe.jobs;

/** A run that cannot go on, with what to do about it and the exit code that says why. */
final class JobFailure extends RuntimeException {

  /** Exit code of a day whose {@code _COMPLETE} markers are not all written. */
  static final int INCOMPLETE_DAY = 3;
  /** Exit code of any other failure. */
  static final int FAILED = 1;

  private final int exitCode;

  JobFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
