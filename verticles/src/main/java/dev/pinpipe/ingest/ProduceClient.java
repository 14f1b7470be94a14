package dev.pinpipe.ingest;

import dev.pinpipe.produce.OutgoingRecord;
import dev.pinpipe.produce.ProduceReply;
import dev.pinpipe.produce.ProduceRequest;
import dev.pinpipe.produce.RecordResult;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;

import java.util.List;

/** Hands records to the fan-out over the local event bus and maps its answer to API errors. */
final class ProduceClient {

  /** Beyond the Kafka bound, for the fan-out to report what Kafka said. */
  private static final long REPLY_MARGIN_MS = 5_000;

  private final EventBus eventBus;
  private final DeliveryOptions options;
  private final long timeoutMs;

  ProduceClient(EventBus eventBus, long kafkaTimeoutMs) {
    this.eventBus = eventBus;
    this.timeoutMs = kafkaTimeoutMs + REPLY_MARGIN_MS;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  Future<List<RecordResult>> send(List<OutgoingRecord> records) {
    return eventBus.<ProduceReply>request(ProduceRequest.ADDRESS, ProduceRequest.of(records), options)
        .map(message -> message.body().results())
        .recover(error -> Future.failedFuture(translate(error)));
  }

  private ApiException translate(Throwable error) {
    if (error instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case NO_HANDLERS -> ApiError.kafkaUnavailable("no fan-out is running in this process; start it with --roles ...,fanout").exception();
        case TIMEOUT -> ApiError.kafkaUnavailable("no answer within " + timeoutMs + " ms").exception();
        default -> reply.failureCode() == ProduceRequest.OVERLOADED
            ? ApiError.overloaded().exception()
            : ApiError.kafkaUnavailable(reply.getMessage()).exception();
      };
    }
    return ApiError.kafkaUnavailable(error.getMessage()).exception();
  }
}
