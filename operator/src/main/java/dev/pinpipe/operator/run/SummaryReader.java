package dev.pinpipe.operator.run;

import dev.pinpipe.contracts.RunSummary;

import java.time.LocalDate;
import java.util.Optional;

/** Reads what the daily job wrote to {@code runs/dt=D/summary.json}; empty when it is not there or cannot be read. */
@FunctionalInterface
public interface SummaryReader {

  /** For an operator that may not read the bucket. */
  SummaryReader NONE = date -> Optional.empty();

  Optional<RunSummary> read(LocalDate date);
}
