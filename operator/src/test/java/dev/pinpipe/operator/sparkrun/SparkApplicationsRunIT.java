package dev.pinpipe.operator.sparkrun;

import dev.pinpipe.contracts.RawKeys;
import dev.pinpipe.contracts.RecordKind;
import dev.pinpipe.contracts.Report;
import dev.pinpipe.contracts.Topics;
import dev.pinpipe.embedded.EmbeddedS3;
import dev.pinpipe.operator.config.OperatorSettings;
import dev.pinpipe.operator.metrics.OperatorMetrics;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.PipelineRunSpec;
import dev.pinpipe.operator.model.RunPhase;
import dev.pinpipe.operator.run.RunReconciliation;
import dev.pinpipe.operator.run.S3SummaryReader;
import dev.pinpipe.operator.spark.SparkApplication;
import dev.pinpipe.operator.spark.SparkApplicationFactory;
import dev.pinpipe.operator.status.EventRecorder;
import dev.pinpipe.operator.testing.MockCluster;
import dev.pinpipe.operator.testing.TestClock;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.pinpipe.operator.testing.MockCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SparkApplications the operator creates really run: a PipelineRun reconciled against the
 * mock API, each application it creates executed as the spark-operator would (its main class,
 * arguments, sparkConf, hadoopConf and Secret-held credentials; Spark in local mode) against
 * S3Proxy holding a day of raw records, until the run succeeds with the nine reports in the bucket
 * and the job's summary in the run's status.
 */
@EnableKubernetesMockClient(crud = true)
class SparkApplicationsRunIT {

  static final LocalDate DAY = LocalDate.of(2026, 3, 1);
  static final String BUCKET = "pinpipe";
  static final String SECRET = "pinpipe-s3";

  KubernetesClient client;

  @TempDir
  Path dir;

  @Test
  void theApplicationsOfARunCleanTheDayAndWriteTheNineReports() throws Exception {
    Path repository = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    Path jobJar = repository.resolve("spark-jobs/target/pinpipe-spark-jobs.jar");
    Path sparkLib = repository.resolve("spark-jobs/target/spark-lib");
    assertThat(jobJar).as("the job jar; build it with: mvn -pl spark-jobs -am package -DskipTests").isRegularFile();
    assertThat(sparkLib).as("Spark's jars; build them with: mvn -pl spark-jobs -am package -DskipTests").isDirectory();

    MockCluster cluster = new MockCluster(client).withCrds();
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), freePort()); S3Client bucket = s3Client(s3)) {
      bucket.createBucket(request -> request.bucket(BUCKET));
      writeRawDay(bucket);
      client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(SECRET).endMetadata()
          // data, not stringData: the mock API server does not merge stringData into data as a real one does.
          .addToData("access-key-id", base64(EmbeddedS3.ACCESS_KEY)).addToData("secret-access-key", base64(EmbeddedS3.SECRET_KEY))
          .build()).create();
      OperatorSettings settings = OperatorSettings.load(java.util.Optional.empty(), Map.of(
          "PINPIPE_OPERATOR_S3_ENDPOINT", s3.endpoint().toString(),
          "PINPIPE_OPERATOR_S3_BUCKET", BUCKET,
          "PINPIPE_OPERATOR_S3_CREDENTIALS_SECRET", SECRET,
          "PINPIPE_OPERATOR_JOB_DRIVER_MEMORY", "1g"));
      TestClock clock = new TestClock(Instant.parse("2026-03-02T00:30:00Z"));
      RunReconciliation reconciliation = new RunReconciliation(client, clock, new SparkApplicationFactory(settings),
          new S3SummaryReader(bucket, BUCKET, settings.outputPrefix()), new EventRecorder(client, clock, "test"), new OperatorMetrics());
      LocalSparkSubmit sparkSubmit = new LocalSparkSubmit(client, jobJar, sparkLib, Files.createDirectories(dir.resolve("logs")));

      PipelineRun run = new PipelineRun();
      run.getMetadata().setName("daily-2026-03-01");
      run.getMetadata().setNamespace(NAMESPACE);
      PipelineRunSpec spec = new PipelineRunSpec();
      spec.setDate(DAY.toString());
      // A run's own Spark settings reach its applications: here, what suits a dozen records on two cores.
      dev.pinpipe.operator.model.SparkOverrides spark = new dev.pinpipe.operator.model.SparkOverrides();
      spark.setSparkConf(Map.of("spark.sql.shuffle.partitions", "1", "spark.databricks.delta.snapshotPartitions", "1"));
      spec.setSpark(spark);
      run.setSpec(spec);
      run.setStatus(null);
      client.resources(PipelineRun.class).inNamespace(NAMESPACE).resource(run).create();

      List<String> ran = new ArrayList<>();
      for (int step = 0; step < 6 && phase(run.getMetadata().getName()) != RunPhase.SUCCEEDED; step++) {
        reconciliation.reconcile(current(run.getMetadata().getName()));
        for (SparkApplication application : client.resources(SparkApplication.class).inNamespace(NAMESPACE).list().getItems()) {
          if (application.getStatus() == null) {
            cluster.setState(application.getMetadata().getName(), "RUNNING", null);
            LocalSparkSubmit.Outcome outcome = sparkSubmit.run(application);
            assertThat(outcome.state()).as("%s: %s (log: %s)", application.getMetadata().getName(), outcome.errorMessage(), outcome.log())
                .isEqualTo("COMPLETED");
            cluster.setState(application.getMetadata().getName(), outcome.state(), outcome.errorMessage());
            ran.add(application.getMetadata().getName());
          }
        }
      }

      PipelineRun finished = current(run.getMetadata().getName());
      assertThat(cluster.applicationShapeViolations()).isEmpty();
      assertThat(ran).containsExactly("daily-2026-03-01-clean-1", "daily-2026-03-01-reports-1");
      assertThat(finished.getStatus().getPhase()).isEqualTo(RunPhase.SUCCEEDED);
      for (Report report : Report.values()) {
        assertThat(keys(bucket, settings.outputPrefix() + "reports/" + report.reportName() + "/dt=" + DAY + "/"))
            .as("report %s", report.reportName()).anyMatch(key -> key.endsWith(".json"));
      }
      var summary = finished.getStatus().getSummary();
      assertThat(summary.getRecordsRead()).isEqualTo(3L * POSTS);
      assertThat(summary.getRejected()).isZero();
      assertThat(summary.getRows()).containsEntry("pin", (long) POSTS).containsEntry("geo", (long) POSTS).containsEntry("user", (long) POSTS);
      assertThat(summary.getReports()).containsOnlyKeys(java.util.Arrays.stream(Report.values()).map(Report::reportName).toList());
    }
  }

  static final int POSTS = 12;
  static final String[] COUNTRIES = {"France", "Chile", "Japan"};
  static final String[] CATEGORIES = {"art", "travel", "food", "diy"};

  /** A day of raw records as the S3 sink writes them: one object per topic, then the day's _COMPLETE markers. */
  private static void writeRawDay(S3Client s3) {
    Topics topics = new Topics(Topics.DEFAULT_PREFIX);
    for (RecordKind kind : RecordKind.values()) {
      String topic = topics.topic(kind);
      StringBuilder lines = new StringBuilder();
      for (int ind = 1; ind <= POSTS; ind++) {
        lines.append(record(kind, ind)).append('\n');
      }
      String directory = RawKeys.dayDirectory(topic, DAY);
      s3.putObject(request -> request.bucket(BUCKET).key(RawKeys.objectKey(directory, topic, 0, 0)), RequestBody.fromString(lines.toString()));
      s3.putObject(request -> request.bucket(BUCKET).key(RawKeys.completeMarker(topic, DAY)), RequestBody.empty());
    }
  }

  private static String record(RecordKind kind, int ind) {
    String category = CATEGORIES[ind % CATEGORIES.length];
    return switch (kind) {
      case PIN -> "{\"index\":" + ind + ",\"unique_id\":\"u-" + ind + "\",\"title\":\"t" + ind + "\",\"description\":\"d\",\"poster_name\":\"poster"
          + ind + "\",\"follower_count\":\"" + (ind * 3) + "k\",\"tag_list\":\"a,b\",\"is_image_or_video\":\"image\",\"image_src\":\"https://i/"
          + ind + ".jpg\",\"downloaded\":1,\"save_location\":\"Local save in /data/" + category + "\",\"category\":\"" + category + "\"}";
      case GEO -> "{\"ind\":" + ind + ",\"timestamp\":\"" + (2018 + ind % 5) + "-05-01 10:00:00\",\"latitude\":10.5,\"longitude\":-20.25,"
          + "\"country\":\"" + COUNTRIES[ind % COUNTRIES.length] + "\"}";
      case USER -> "{\"ind\":" + ind + ",\"first_name\":\"F" + ind + "\",\"last_name\":\"L" + ind + "\",\"age\":" + (18 + ind * 4)
          + ",\"date_joined\":\"" + (2015 + ind % 6) + "-03-01 00:00:00\"}";
    };
  }

  private static List<String> keys(S3Client s3, String prefix) {
    return s3.listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).toList();
  }

  private RunPhase phase(String name) {
    PipelineRun run = current(name);
    return run.getStatus() == null ? null : run.getStatus().getPhase();
  }

  private PipelineRun current(String name) {
    return client.resources(PipelineRun.class).inNamespace(NAMESPACE).withName(name).get();
  }

  private static String base64(String text) {
    return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static S3Client s3Client(EmbeddedS3 s3) {
    return S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(s3.endpoint())
        .region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
        .build();
  }
}
