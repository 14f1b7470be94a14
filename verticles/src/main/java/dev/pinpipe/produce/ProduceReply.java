package dev.pinpipe.produce;

import java.util.List;

/** The reply to a {@link ProduceRequest}: one result per record, in request order. */
public record ProduceReply(List<RecordResult> results) {

  public boolean allAcknowledged() {
    return results.stream().allMatch(RecordResult::ok);
  }

  public boolean anyFatal() {
    return results.stream().anyMatch(result -> !result.ok() && result.errorCode() == RecordResult.FATAL);
  }
}
