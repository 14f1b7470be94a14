package dev.pinpipe.operator.runtime;

import dev.pinpipe.operator.metrics.OperatorMetrics;
import dev.pinpipe.operator.run.PipelineRunReconciler;
import dev.pinpipe.operator.run.RunReconciliation;
import dev.pinpipe.operator.run.SummaryReader;
import dev.pinpipe.operator.schedule.PipelineScheduleReconciler;
import dev.pinpipe.operator.schedule.ScheduleReconciliation;
import dev.pinpipe.operator.spark.SparkApplicationFactory;
import dev.pinpipe.operator.status.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The running operator: the PipelineRun and PipelineSchedule controllers on JOSDK, optionally
 * behind a Lease (only the holder reconciles; the others wait to take over), and the health and
 * metrics endpoints.
 */
public final class OperatorRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorRuntime.class);

  /**
   * How the operator runs.
   *
   * @param namespaces     the namespaces watched; empty for all
   * @param leaderElection the Lease to hold, when more than one replica may run
   * @param httpPort       port of /healthz, /readyz and /metrics; 0 for any free port
   * @param identity       who this replica is (the pod's name), in the Lease and in events
   */
  public record Options(Set<String> namespaces, Optional<LeaderElection> leaderElection, int httpPort, String identity) {
  }

  /**
   * The Lease: {@code name} in {@code namespace}; a leader that cannot renew within
   * {@code renewDeadline} stops leading and, when {@code exitOnStopLeading}, exits so that its
   * pod restarts clean (a stale leader must never keep acting).
   */
  public record LeaderElection(String name, String namespace, Duration leaseDuration, Duration renewDeadline,
      Duration retryPeriod, boolean exitOnStopLeading) {

    /** Kubernetes' own controllers' timings: 15 s lease, 10 s renew deadline, 2 s retry. */
    public static LeaderElection standard(String name, String namespace) {
      return new LeaderElection(name, namespace, LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
          LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE, LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, true);
    }
  }

  private final Operator operator;
  private final HealthServer health;
  private final OperatorMetrics metrics;
  private final LeaderState leader;

  private OperatorRuntime(Operator operator, HealthServer health, OperatorMetrics metrics, LeaderState leader) {
    this.operator = operator;
    this.health = health;
    this.metrics = metrics;
    this.leader = leader;
  }

  /** Registers the controllers, starts them (or the wait for the Lease) and the HTTP endpoints. */
  public static OperatorRuntime start(KubernetesClient client, Clock clock, SparkApplicationFactory factory,
      SummaryReader summaries, Options options) {
    OperatorMetrics metrics = new OperatorMetrics();
    LeaderState leader = options.leaderElection().isPresent() ? LeaderState.elected(options.identity()) : LeaderState.always(options.identity());
    Operator operator = new Operator(overrider -> {
      overrider.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          // Merge patches and plain updates: server-side apply is not needed, and fabric8's mock API server rejects it.
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false);
      options.leaderElection().ifPresent(election -> overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(
          election.name(), election.namespace(), election.leaseDuration(), election.renewDeadline(), election.retryPeriod(),
          options.identity(), leader.callbacks(), election.exitOnStopLeading())));
    });
    EventRecorder events = new EventRecorder(client, clock, options.identity());
    RunReconciliation runs = new RunReconciliation(client, clock, factory, summaries, events, metrics);
    operator.register(new PipelineRunReconciler(runs, metrics), watching(options.namespaces()));
    operator.register(new PipelineScheduleReconciler(new ScheduleReconciliation(client, clock, events, metrics), metrics),
        watching(options.namespaces()));
    operator.start();
    HealthServer health;
    try {
      health = HealthServer.start(options.httpPort(), operator, metrics, leader);
    } catch (RuntimeException e) {
      operator.stop();
      throw e;
    }
    LOG.info("operator started: identity={} namespaces={} leaderElection={} httpPort={}", options.identity(),
        options.namespaces().isEmpty() ? "all" : options.namespaces(), options.leaderElection().map(LeaderElection::name).orElse("off"),
        health.port());
    return new OperatorRuntime(operator, health, metrics, leader);
  }

  private static <P extends io.fabric8.kubernetes.api.model.HasMetadata> Consumer<ControllerConfigurationOverrider<P>> watching(Set<String> namespaces) {
    return overrider -> {
      if (namespaces.isEmpty()) {
        overrider.watchingAllNamespaces();
      } else {
        overrider.settingNamespaces(namespaces);
      }
    };
  }

  public int httpPort() {
    return health.port();
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  public boolean isLeader() {
    return leader.isLeader();
  }

  @Override
  public void close() {
    try {
      operator.stop();
    } finally {
      health.close();
    }
  }
}
