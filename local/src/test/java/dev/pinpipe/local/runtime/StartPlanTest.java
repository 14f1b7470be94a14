package dev.pinpipe.local.runtime;

import dev.pinpipe.runtime.PinpipeRuntime;
import dev.pinpipe.runtime.Role;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.local.runtime.EmbeddedSettings;
import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.support.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartPlanTest {

  @TempDir
  Path dir;

  private EmbeddedSettings settings(int kafkaPort, int s3Port, int mysqlPort) {
    return new EmbeddedSettings(dir.resolve("data"), kafkaPort, s3Port, mysqlPort);
  }

  @Test
  void aTakenControllerPortIsNamedWithTheFlagThatMovesIt() throws Exception {
    // Two consecutive ports free a moment ago; the broker's stays free, the controller's is taken.
    int kafkaPort = Ports.free(2);
    try (ServerSocket taken = new ServerSocket(kafkaPort + 1, 1, InetAddress.getByName("127.0.0.1"))) {
      StartPlan plan = StartPlan.in(settings(kafkaPort, Ports.free(), Ports.free())).kafka();

      assertThatThrownBy(() -> plan.claim("pinpipe kafka"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("port " + taken.getLocalPort() + " (Kafka controller, --kafka-port + 1) is in use; "
              + "choose another --kafka-port or stop what listens there");
    }
  }

  @Test
  void everyTakenPortIsNamedAndTheDirectoryIsReleasedAfterTheRefusal() throws Exception {
    try (ServerSocket s3 = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
         ServerSocket http = new ServerSocket(0)) {
      StartPlan plan = StartPlan.in(settings(Ports.free(2), s3.getLocalPort(), Ports.free())).kafka().s3().mariaDb()
          .listener("0.0.0.0", http.getLocalPort(), "ingestion API", "--http-port");

      assertThatThrownBy(() -> plan.claim("pinpipe run"))
          .hasMessageContaining("port " + s3.getLocalPort() + " (embedded S3, --s3-port) is in use; choose another --s3-port")
          .hasMessageContaining("port " + http.getLocalPort() + " (ingestion API, --http-port) is in use; choose another --http-port")
          .hasMessageNotContaining("Kafka").hasMessageNotContaining("MariaDB");
    }
    DataDirectoryLock.acquire(dir.resolve("data"), "pinpipe serve").close();
  }

  @Test
  void onePortGivenToTwoServicesIsRefused() {
    int port = Ports.free();
    StartPlan plan = StartPlan.in(settings(Ports.free(2), port, port)).s3().mariaDb();

    assertThatThrownBy(() -> plan.claim("pinpipe run"))
        .hasMessage("port " + port + " is given to both the embedded S3 (--s3-port) and the embedded MariaDB (--mysql-port); "
            + "choose another --mysql-port");
  }

  @Test
  void freePortsPassAndOnlyEmbeddedServicesTakeTheDirectory() {
    StartPlan listenersOnly = StartPlan.in(settings(Ports.free(2), Ports.free(), Ports.free()))
        .listener("127.0.0.1", Ports.free(), "management server", "--management-port");
    try (DataDirectoryLock none = listenersOnly.claim("pinpipe serve --kafka k:9092 --roles ingest,fanout")) {
      assertThat(dir.resolve("data")).doesNotExist();
    }
    StartPlan withKafka = StartPlan.in(settings(Ports.free(2), Ports.free(), Ports.free())).kafka();
    try (DataDirectoryLock lock = withKafka.claim("pinpipe kafka")) {
      assertThat(withKafka.services()).containsExactly("kafka");
      assertThat(dir.resolve("data/.lock")).isRegularFile();
    }
  }

  @Test
  void theLocalPipelinesPlanFollowsItsRoles() {
    ConfigSource config = ConfigSource.of(Map.of("kafka.bootstrap", "broker:9092", "embedded.data-dir", dir.toString()));
    assertThat(LocalPipeline.plan(config, EnumSet.of(Role.INGEST, Role.FANOUT)).services()).isEmpty();
    assertThat(LocalPipeline.plan(config, EnumSet.of(Role.SINK)).services()).containsExactly("s3");
    ConfigSource embedded = ConfigSource.of(Map.of("embedded.data-dir", dir.toString()));
    assertThat(LocalPipeline.plan(embedded, EnumSet.of(Role.INGEST, Role.FANOUT)).listeners())
        .extracting(StartPlan.Listener::port).containsExactly(9092, 9093, 8082, 8081);
  }
}
