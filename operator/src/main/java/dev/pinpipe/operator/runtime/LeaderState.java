package dev.pinpipe.operator.runtime;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/** Whether this replica holds the Lease, as the leader elector's callbacks say; always true without election. */
final class LeaderState {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderState.class);

  private final AtomicBoolean leader;
  private final String identity;

  private LeaderState(boolean leader, String identity) {
    this.leader = new AtomicBoolean(leader);
    this.identity = identity;
  }

  static LeaderState always(String identity) {
    return new LeaderState(true, identity);
  }

  static LeaderState elected(String identity) {
    return new LeaderState(false, identity);
  }

  boolean isLeader() {
    return leader.get();
  }

  LeaderCallbacks callbacks() {
    return new LeaderCallbacks(
        () -> {
          leader.set(true);
          LOG.info("leading: identity={}", identity);
        },
        () -> {
          leader.set(false);
          LOG.info("stopped leading: identity={}", identity);
        },
        newLeader -> LOG.info("leader: identity={} leader={}", identity, newLeader));
  }
}
