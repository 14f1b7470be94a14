package dev.pinpipe.local.cli;

import dev.pinpipe.contracts.RawKeys;

import dev.pinpipe.support.TestPipeline;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.S3Settings;
import dev.pinpipe.embedded.EmbeddedS3;
import dev.pinpipe.s3.S3Clients;
import dev.pinpipe.contracts.RawLayout;
import dev.pinpipe.support.PathSpellings;
import dev.pinpipe.support.Ports;
import io.vertx.core.json.JsonObject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pinpipe batch} with the real Spark job (spark-jobs/target, built by
 * {@code mvn -pl spark-jobs -am package -DskipTests}) over raw records written into the embedded S3
 * in the daily layout: the reports it prints, and its HTML page in S3 and on disk.
 */
class BatchCommandIT {

  private static final String PREFIX = "batch";
  private static final LocalDate COMPLETE_DAY = LocalDate.of(2024, 3, 1);
  private static final LocalDate INCOMPLETE_DAY = LocalDate.of(2024, 3, 2);
  private static final String HOSTILE = "Zoë \"<b>O'Brien</b>\" </script> & 📌";

  @TempDir
  static Path dataDir;

  /** Three posts on the complete day (markers written), one on the incomplete day (none). */
  @BeforeAll
  static void writeRawRecords() throws Exception {
    try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir.resolve("s3"), Ports.free()); S3AsyncClient client = client(s3)) {
      S3Clients.ensureBucket(client, "pinpipe");
      writeDay(client, COMPLETE_DAY, List.of(
          post(1, "travel", "51k", "Ann", "Albania", "2020-03-01 10:00:00", "Ann", "Lee", 20, "2016-05-01 08:00:00"),
          post(2, "art", "1M", HOSTILE, "Côte d'Ivoire", "2021-06-01 11:00:00", "Zoë", "O'Brien", 40, "2017-01-02 09:00:00"),
          post(3, "travel", "830", "Bob", "Albania", "2020-07-01 12:00:00", "Bob", "Marley", 22, "2016-09-03 10:00:00")), true);
      writeDay(client, INCOMPLETE_DAY, List.of(
          post(4, "diy-and-crafts", "7k", "Cy", "Peru", "2019-01-01 10:00:00", "Cy", "Twombly", 60, "2015-01-01 00:00:00")), false);
    }
  }

  @Test
  void batchRunsTheJobThenPrintsTheNineReportsAndWritesTheHtmlPage() throws Exception {
    PinpipeCommandAccess.Result result = batch("--date", COMPLETE_DAY.toString());

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    String out = result.out();
    assertThat(out).contains("[job] ").contains("pinpipe batch: done");
    for (String report : List.of("category_by_country", "category_by_year", "top_user_by_country", "top_country",
        "category_by_age_group", "median_followers_by_age_group", "users_joined_by_year", "median_followers_by_join_year",
        "median_followers_by_join_year_and_age_group")) {
      assertThat(out).contains("\n" + report + ": ");
    }
    assertThat(section(out, "top_country")).containsPattern("\\| Côte d'Ivoire +\\| +1000000 \\|");
    assertThat(section(out, "top_user_by_country"))
        .containsPattern("\\| Albania +\\| Ann +\\| +51000 \\|")
        .contains("| " + HOSTILE + " |");
    assertThat(section(out, "category_by_country")).containsPattern("\\| Albania +\\| travel +\\| +2 \\|");
    assertThat(section(out, "median_followers_by_age_group"))
        .containsPattern("\\| 18-24 +\\| +25915 \\|").containsPattern("\\| 36-50 +\\| +1000000 \\|");
    assertThat(section(out, "users_joined_by_year")).containsPattern("\\| +2016 +\\| +2 \\|").containsPattern("\\| +2017 +\\| +1 \\|");

    Path page = dataDir.resolve("reports/html/dt=2024-03-01/index.html");
    assertThat(out).contains("pinpipe batch: HTML report " + page.toAbsolutePath());
    String html = Files.readString(page);
    Document document = Jsoup.parse(html);
    assertThat(document.select("section canvas")).hasSize(9);
    assertThat(document.getElementById("top_user_by_country").select("td").eachText()).contains(HOSTILE);
    assertThat(document.select("b")).isEmpty();
    try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir.resolve("s3"), Ports.free()); S3AsyncClient client = client(s3)) {
      ResponseBytes<GetObjectResponse> object = client.getObject(
          request -> request.bucket("pinpipe").key("reports/html/dt=2024-03-01/index.html"), AsyncResponseTransformer.toBytes())
          .get(30, TimeUnit.SECONDS);
      assertThat(object.response().contentType()).startsWith("text/html");
      assertThat(object.asUtf8String()).isEqualTo(html);
    }
  }

  @Test
  void aDayWithoutItsCompleteMarkersIsRefusedWithExitThreeAndWhatToDo() {
    PinpipeCommandAccess.Result result = batch("--date", INCOMPLETE_DAY.toString());

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(3);
    assertThat(result.err()).contains("day 2024-03-02 is incomplete").contains("--allow-incomplete");
    assertThat(dataDir.resolve("reports/html/dt=2024-03-02/index.html")).doesNotExist();
  }

  @Test
  void aDayWithoutRawRecordsIsRefusedBeforeSparkStartsSayingWhatToRun() {
    PinpipeCommandAccess.Result result = batch("--date", "2024-03-09", "--allow-incomplete");

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.err()).contains("pinpipe batch: no raw records for dt=2024-03-09 under s3://pinpipe/topics/batch.{pin,geo,user}/year=2024/month=03/day=09/")
        .contains("run `./pinpipe run` or `serve` + `emulate` first, or pick --date");
    assertThat(result.out()).doesNotContain("[job]");
  }

  /** With --data-dir spelled ./..., which once made the job's S3 requests fail with 400 Bad Request. */
  private static PinpipeCommandAccess.Result batch(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("batch", "--data-dir", PathSpellings.dotRelative(dataDir),
        "--s3-port", String.valueOf(Ports.free()), "--topic-prefix", PREFIX));
    command.addAll(List.of(args));
    return PinpipeCommandAccess.run(command.toArray(String[]::new));
  }

  /** From the report's title line to the blank line after its table. */
  private static String section(String out, String report) {
    int start = out.indexOf("\n" + report + ": ");
    assertThat(start).as("report " + report + " printed").isNotNegative();
    int end = out.indexOf("\n\n", start + 1);
    return out.substring(start, end < 0 ? out.length() : end);
  }

  private static void writeDay(S3AsyncClient client, LocalDate day, List<Map<String, JsonObject>> posts, boolean complete)
      throws Exception {
    for (String kind : List.of("pin", "geo", "user")) {
      String topic = PREFIX + "." + kind;
      String body = posts.stream().map(post -> post.get(kind).encode() + "\n").collect(Collectors.joining());
      String key = RawKeys.objectKey(RawKeys.dayDirectory(topic, day), topic, 0, 0);
      put(client, key, body);
      if (complete) {
        put(client, RawKeys.completeMarker(topic, day), "");
      }
    }
  }

  private static Map<String, JsonObject> post(int ind, String category, String followers, String poster, String country,
                                              String timestamp, String firstName, String lastName, int age, String joined) {
    JsonObject pin = new JsonObject().put("index", ind).put("unique_id", "uuid-" + ind).put("title", "Title " + ind)
        .put("description", "Description " + ind).put("poster_name", poster).put("follower_count", followers)
        .put("tag_list", "a,b").put("is_image_or_video", "image").put("image_src", "https://i.pinimg.com/" + ind + ".jpg")
        .put("downloaded", 1).put("save_location", "Local save in /data/" + category).put("category", category);
    JsonObject geo = new JsonObject().put("ind", ind).put("timestamp", timestamp).put("latitude", 41.3).put("longitude", 19.8)
        .put("country", country);
    JsonObject user = new JsonObject().put("ind", ind).put("first_name", firstName).put("last_name", lastName).put("age", age)
        .put("date_joined", joined);
    return Map.of("pin", pin, "geo", geo, "user", user);
  }

  private static void put(S3AsyncClient client, String key, String body) throws Exception {
    client.putObject(request -> request.bucket("pinpipe").key(key), AsyncRequestBody.fromString(body)).get(30, TimeUnit.SECONDS);
  }

  private static S3AsyncClient client(EmbeddedS3 s3) {
    return TestPipeline.client(s3);
  }
}
