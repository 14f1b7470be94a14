package dev.pinpipe.management;

import io.vertx.core.Future;
import io.vertx.kafka.admin.KafkaAdminClient;

/** Kafka is reachable when the cluster describes itself; the answer is cached briefly. */
public final class KafkaReadiness {

  private static final long CACHE_MS = 1_000;

  private final KafkaAdminClient admin;
  private Future<Boolean> last = Future.succeededFuture(false);
  private long checkedAt;

  public KafkaReadiness(KafkaAdminClient admin) {
    this.admin = admin;
  }

  public Future<Boolean> reachable() {
    long now = System.currentTimeMillis();
    if (last.isComplete() && now - checkedAt > CACHE_MS) {
      checkedAt = now;
      last = admin.describeCluster()
          .map(cluster -> !cluster.getNodes().isEmpty())
          .otherwise(false);
    }
    return last;
  }
}
