package dev.pinpipe.operator.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorSettingsTest {

  @TempDir
  Path dir;

  @Test
  void everySettingHasItsDefault() {
    OperatorSettings settings = OperatorSettings.defaults();

    assertThat(settings.namespaces()).isEmpty();
    assertThat(settings.leaderElection()).isEqualTo(new OperatorSettings.LeaderElection(true, "pinpipe-operator", Optional.empty()));
    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.job().image()).isEqualTo("pinpipe-spark:0.1.0");
    assertThat(settings.job().imagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(settings.job().mainApplicationFile()).isEqualTo("local:///opt/spark/jars/pinpipe-spark-jobs.jar");
    assertThat(settings.job().sparkVersion()).isEqualTo("3.5.5");
    assertThat(settings.job().serviceAccount()).isEqualTo("pinpipe-spark");
    assertThat(settings.job().driver()).isEqualTo(new OperatorSettings.Driver(1, "2g"));
    assertThat(settings.job().executor()).isEqualTo(new OperatorSettings.Executor(1, "2g", 2));
    assertThat(settings.job().sparkConf()).isEmpty();
    assertThat(settings.s3()).isEqualTo(new OperatorSettings.S3("pinpipe", Optional.empty(), false, Optional.empty(),
        Optional.empty(), "access-key-id", "secret-access-key"));
    assertThat(settings.topicPrefix()).isEqualTo("pinpipe");
    assertThat(settings.outputPrefix()).isEmpty();
    assertThat(settings.readSummary()).isTrue();
  }

  @Test
  void aFileOfNestedMappingsSetsEveryKind() throws IOException {
    OperatorSettings settings = OperatorSettings.load(Optional.of(file("""
        namespaces: [team-a, team-b]
        leader-election:
          enabled: false
          lease-name: my-lease
          lease-namespace: ops
        http-port: 9090
        job:
          image: registry.example.com/pinpipe-spark:1.2.3
          image-pull-policy: Always
          driver: {cores: 2, memory: 4g}
          executor: {cores: 3, memory: 6g, instances: 5}
          spark-conf:
            spark.sql.shuffle.partitions: 16
            spark.eventLog.enabled: "true"
        s3:
          bucket: data-lake
          endpoint: http://minio.storage:9000
          region: eu-central-1
          credentials-secret: pinpipe-s3
        topic-prefix: prod
        output-prefix: pinpipe/
        read-summary: no
        """)), Map.of());

    assertThat(settings.namespaces()).containsExactly("team-a", "team-b");
    assertThat(settings.leaderElection()).isEqualTo(new OperatorSettings.LeaderElection(false, "my-lease", Optional.of("ops")));
    assertThat(settings.httpPort()).isEqualTo(9090);
    assertThat(settings.job().image()).isEqualTo("registry.example.com/pinpipe-spark:1.2.3");
    assertThat(settings.job().imagePullPolicy()).isEqualTo("Always");
    assertThat(settings.job().driver()).isEqualTo(new OperatorSettings.Driver(2, "4g"));
    assertThat(settings.job().executor()).isEqualTo(new OperatorSettings.Executor(3, "6g", 5));
    assertThat(settings.job().sparkConf()).containsExactlyInAnyOrderEntriesOf(
        Map.of("spark.sql.shuffle.partitions", "16", "spark.eventLog.enabled", "true"));
    assertThat(settings.s3().bucket()).isEqualTo("data-lake");
    assertThat(settings.s3().endpoint()).contains("http://minio.storage:9000");
    assertThat(settings.s3().pathStyle()).as("an endpoint other than AWS's means path style").isTrue();
    assertThat(settings.s3().region()).contains("eu-central-1");
    assertThat(settings.s3().credentialsSecret()).contains("pinpipe-s3");
    assertThat(settings.topicPrefix()).isEqualTo("prod");
    assertThat(settings.outputPrefix()).isEqualTo("pinpipe/");
    assertThat(settings.readSummary()).isFalse();
  }

  @Test
  void theEnvironmentWinsOverTheFile() throws IOException {
    Path file = file("""
        job: {image: from-file:1, driver: {cores: 2}, spark-conf: {spark.a: "1"}}
        s3: {endpoint: http://minio:9000}
        namespaces: [from-file]
        """);

    OperatorSettings settings = OperatorSettings.load(Optional.of(file), Map.of(
        "PINPIPE_OPERATOR_JOB_IMAGE", "from-env:2",
        "PINPIPE_OPERATOR_NAMESPACES", "a, b,,c",
        "PINPIPE_OPERATOR_JOB_SPARK_CONF", "spark.b=2, spark.c = x=y",
        "PINPIPE_OPERATOR_S3_ENDPOINT", "",
        "PINPIPE_OPERATOR_LEADER_ELECTION_LEASE_NAME", "env-lease",
        "PINPIPE_OTHER_THING", "not ours",
        "HOME", "/root"));

    assertThat(settings.job().image()).isEqualTo("from-env:2");
    assertThat(settings.job().driver().cores()).as("the file's, no variable set it").isEqualTo(2);
    assertThat(settings.namespaces()).containsExactly("a", "b", "c");
    assertThat(settings.job().sparkConf()).as("a variable replaces the whole map")
        .containsExactlyInAnyOrderEntriesOf(Map.of("spark.b", "2", "spark.c", "x=y"));
    assertThat(settings.s3().endpoint()).as("a blank variable means the default").isEmpty();
    assertThat(settings.s3().pathStyle()).isFalse();
    assertThat(settings.leaderElection().leaseName()).isEqualTo("env-lease");
  }

  @Test
  void anUnknownFileKeyIsNamedWithTheNearestKnownOne() throws IOException {
    Path file = file("job:\n  imgae: x\n");

    assertThatThrownBy(() -> OperatorSettings.load(Optional.of(file), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown operator setting job.imgae in config file " + file + "; did you mean job.image?");
  }

  @Test
  void anUnknownSectionWithoutNearKeyListsTheSections() throws IOException {
    Path file = file("kafka:\n  bootstrap: localhost:9092\n");

    assertThatThrownBy(() -> OperatorSettings.load(Optional.of(file), Map.of()))
        .hasMessageStartingWith("unknown operator setting kafka in config file " + file + "; the settings are ")
        .hasMessageContaining("job, leader-election, namespaces")
        .hasMessageNotContaining("\n");
  }

  @Test
  void anUnknownVariableIsNamedWithTheNearestKnownOne() {
    assertThatThrownBy(() -> OperatorSettings.load(Optional.empty(), Map.of("PINPIPE_OPERATOR_JOB_DRIVER_CORE", "2")))
        .hasMessage("unknown operator setting: environment variable PINPIPE_OPERATOR_JOB_DRIVER_CORE;"
            + " did you mean PINPIPE_OPERATOR_JOB_DRIVER_CORES?");
  }

  @Test
  void numbersOutOfRangeAreRefusedWithTheirOrigin() throws IOException {
    assertThatThrownBy(() -> OperatorSettings.load(Optional.empty(), Map.of("PINPIPE_OPERATOR_HTTP_PORT", "70000")))
        .hasMessage("operator setting http-port must be 1 to 65535, got 70000 (environment variable PINPIPE_OPERATOR_HTTP_PORT)");
    Path file = file("job:\n  executor:\n    instances: 0\n");
    assertThatThrownBy(() -> OperatorSettings.load(Optional.of(file), Map.of()))
        .hasMessage("operator setting job.executor.instances must be 1 to 10000, got 0 (config file " + file + ")");
    assertThatThrownBy(() -> OperatorSettings.load(Optional.empty(), Map.of("PINPIPE_OPERATOR_JOB_DRIVER_CORES", "two")))
        .hasMessageStartingWith("operator setting job.driver.cores must be a whole number, got 'two'");
    assertThatThrownBy(() -> OperatorSettings.load(Optional.empty(), Map.of("PINPIPE_OPERATOR_JOB_EXECUTOR_CORES", "99999999999")))
        .hasMessageStartingWith("operator setting job.executor.cores must be 1 to 1024");
  }

  @Test
  void badValuesAreRefusedInOneLine() {
    Map<String, String> bad = Map.of(
        "PINPIPE_OPERATOR_JOB_IMAGE_PULL_POLICY", "Sometimes",
        "PINPIPE_OPERATOR_JOB_DRIVER_MEMORY", "2 GB",
        "PINPIPE_OPERATOR_JOB_MAIN_APPLICATION_FILE", "/opt/spark/jars/job.jar",
        "PINPIPE_OPERATOR_S3_ENDPOINT", "minio:9000",
        "PINPIPE_OPERATOR_S3_BUCKET", "Bad_Bucket",
        "PINPIPE_OPERATOR_NAMESPACES", "ok,Not_OK",
        "PINPIPE_OPERATOR_READ_SUMMARY", "maybe",
        "PINPIPE_OPERATOR_JOB_SERVICE_ACCOUNT", "Spark SA");
    bad.forEach((name, value) -> assertThatThrownBy(() -> OperatorSettings.load(Optional.empty(), Map.of(name, value)))
        .as(name)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(environment variable " + name + ")")
        .hasMessageNotContaining("\n"));
  }

  @Test
  void sparkConfThatCarriesCredentialsIsRefused() {
    assertThatThrownBy(() -> OperatorSettings.load(Optional.empty(),
        Map.of("PINPIPE_OPERATOR_JOB_SPARK_CONF", "spark.hadoop.fs.s3a.secret.key=abc")))
        .hasMessageContaining("sets a credential")
        .hasMessageNotContaining("abc");
    assertThatThrownBy(() -> OperatorSettings.load(Optional.empty(),
        Map.of("PINPIPE_OPERATOR_JOB_SPARK_CONF", "spark.kubernetes.driverEnv.AWS_SECRET_ACCESS_KEY=abc")))
        .hasMessageContaining("sets a credential");
    assertThatThrownBy(() -> OperatorSettings.load(Optional.empty(), Map.of("PINPIPE_OPERATOR_JOB_SPARK_CONF", "fs.s3a.endpoint=x")))
        .hasMessageContaining("not a Spark setting");
  }

  @Test
  void aMappingWhereAValueBelongsIsRefused() throws IOException {
    Path valueAsMapping = file("http-port: {value: 1}\n");
    assertThatThrownBy(() -> OperatorSettings.load(Optional.of(valueAsMapping), Map.of()))
        .hasMessage("operator setting http-port must be a single value, not a mapping (config file " + valueAsMapping + ")");
    Path sectionAsValue = file("job: pinpipe-spark:1\n");
    assertThatThrownBy(() -> OperatorSettings.load(Optional.of(sectionAsValue), Map.of()))
        .hasMessage("operator setting job must be a mapping of settings (config file " + sectionAsValue + ")");
  }

  @Test
  void aFileThatIsNoMappingOrNoYamlIsRefused() throws IOException {
    Path list = file("- a\n- b\n");
    assertThatThrownBy(() -> OperatorSettings.load(Optional.of(list), Map.of()))
        .hasMessageStartingWith("operator config file " + list + " must be a mapping");
    Path broken = file("job: {image: [\n");
    assertThatThrownBy(() -> OperatorSettings.load(Optional.of(broken), Map.of()))
        .hasMessageStartingWith("cannot read operator config file " + broken + ": ")
        .hasMessageNotContaining("\n");
    Path empty = file("");
    assertThat(OperatorSettings.load(Optional.of(empty), Map.of())).isEqualTo(OperatorSettings.defaults());
  }

  @Test
  void pathStyleFollowsTheEndpointUnlessSet() {
    assertThat(OperatorSettings.load(Optional.empty(), Map.of("PINPIPE_OPERATOR_S3_ENDPOINT", "https://s3.eu-west-1.amazonaws.com"))
        .s3().pathStyle()).isFalse();
    assertThat(OperatorSettings.load(Optional.empty(), Map.of(
        "PINPIPE_OPERATOR_S3_ENDPOINT", "http://minio:9000", "PINPIPE_OPERATOR_S3_PATH_STYLE", "false"))
        .s3().pathStyle()).isFalse();
  }

  @Test
  void everyKeyHasItsOwnVariable() {
    List<String> names = OperatorSettings.keys().stream().map(OperatorSettings::envName).toList();

    assertThat(names).doesNotHaveDuplicates().contains("PINPIPE_OPERATOR_JOB_IMAGE", "PINPIPE_OPERATOR_NAMESPACES",
        "PINPIPE_OPERATOR_LEADER_ELECTION_LEASE_NAMESPACE", "PINPIPE_OPERATOR_S3_CREDENTIALS_SECRET");
    assertThat(OperatorSettings.keys()).hasSize(26);
  }

  private Path file(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "operator", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
