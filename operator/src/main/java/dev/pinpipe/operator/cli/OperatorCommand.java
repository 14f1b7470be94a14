package dev.pinpipe.operator.cli;

import dev.pinpipe.operator.config.OperatorSettings;
import dev.pinpipe.operator.run.S3SummaryReader;
import dev.pinpipe.operator.run.SummaryReader;
import dev.pinpipe.operator.runtime.OperatorRuntime;
import dev.pinpipe.operator.spark.SparkApplicationFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code pinpipe operator}: runs the Kubernetes operator against the cluster of the kubeconfig
 * (or the pod's service account inside a cluster, the fabric8 way) until it is stopped.
 */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the Kubernetes operator: PipelineRuns and PipelineSchedules (pinpipe.dev/v1alpha1) become SparkApplications of the "
            + "Kubeflow spark-operator. It talks to the cluster of $KUBECONFIG (~/.kube/config), or of its service account inside a pod.",
        "Settings: --config FILE and PINPIPE_OPERATOR_* variables (docs/KUBERNETES.md lists them)."},
    subcommands = RenderCommand.class)
public final class OperatorCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorCommand.class);

  @Option(names = "--config", paramLabel = "FILE", description = "The operator's settings (YAML); PINPIPE_OPERATOR_* variables win over it.")
  Path config;

  public static void main(String[] args) {
    System.exit(new CommandLine(new OperatorCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    OperatorSettings settings = OperatorSettings.load(Optional.ofNullable(config), System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    String identity = identity();
    OperatorRuntime runtime;
    try {
      runtime = OperatorRuntime.start(client, Clock.systemUTC(), new SparkApplicationFactory(settings), summaries(settings),
          new OperatorRuntime.Options(new HashSet<>(settings.namespaces()), leaderElection(settings, client), settings.httpPort(), identity));
    } catch (RuntimeException e) {
      client.close();
      throw new IllegalStateException("the operator could not start against the Kubernetes API at " + client.getMasterUrl()
          + ": " + e.getMessage() + "; check KUBECONFIG (or the pod's service account), the operator's RBAC, and that the CRDs of "
          + "helm/pinpipe/crds/ are installed", e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping: identity={}", identity);
      runtime.close();
      client.close();
      stopped.countDown();
    }, "pinpipe-operator-stop"));
    stopped.await();
    return 0;
  }

  private static Optional<OperatorRuntime.LeaderElection> leaderElection(OperatorSettings settings, KubernetesClient client) {
    OperatorSettings.LeaderElection election = settings.leaderElection();
    if (!election.enabled()) {
      return Optional.empty();
    }
    String namespace = election.leaseNamespace().orElseGet(client::getNamespace);
    if (namespace == null) {
      throw new IllegalArgumentException("leader election needs the Lease's namespace: set leader-election.lease-namespace "
          + "(PINPIPE_OPERATOR_LEADER_ELECTION_LEASE_NAMESPACE), or leader-election.enabled=false for a single replica");
    }
    return Optional.of(OperatorRuntime.LeaderElection.standard(election.leaseName(), namespace));
  }

  private static SummaryReader summaries(OperatorSettings settings) {
    if (!settings.readSummary()) {
      return SummaryReader.NONE;
    }
    OperatorSettings.S3 s3 = settings.s3();
    // Credentials from the AWS default chain: the Secret's keys as env, or web identity (IRSA) on EKS.
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(s3.region().orElse("us-east-1")))
        .forcePathStyle(s3.pathStyle());
    s3.endpoint().map(URI::create).ifPresent(builder::endpointOverride);
    return new S3SummaryReader(builder.build(), s3.bucket(), settings.outputPrefix());
  }

  /** The pod's name inside a cluster (HOSTNAME), else this host's name with a random suffix. */
  private static String identity() {
    String hostname = System.getenv("HOSTNAME");
    if (hostname != null && !hostname.isBlank()) {
      return hostname;
    }
    try {
      return InetAddress.getLocalHost().getHostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    } catch (UnknownHostException e) {
      return "pinpipe-operator-" + UUID.randomUUID().toString().substring(0, 8);
    }
  }
}
