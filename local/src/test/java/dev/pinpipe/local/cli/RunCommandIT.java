package dev.pinpipe.local.cli;

import dev.pinpipe.support.TestPipeline;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.S3Settings;
import dev.pinpipe.local.dataset.DatasetGenerator;
import dev.pinpipe.posts.Post;
import dev.pinpipe.embedded.EmbeddedS3;
import dev.pinpipe.s3.S3Clients;
import dev.pinpipe.s3.S3Inventory;
import dev.pinpipe.support.PathSpellings;
import dev.pinpipe.support.Ports;
import dev.pinpipe.support.SharedKafka;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pinpipe run --posts 500}: from the embedded MariaDB to S3, a summary that matches S3, then
 * the real Spark job (spark-jobs/target, built by {@code mvn -pl spark-jobs -am package -DskipTests})
 * for today: its nine reports printed and its HTML page in S3 and on disk. Then a second run in
 * the same data directory and topics, which checks only its own records.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunCommandIT {

  private static final long SEED = 42;
  private static final int POSTS = 500;
  private static final int SECOND_POSTS = 60;
  private static final String PREFIX = "run-" + UUID.randomUUID().toString().substring(0, 8);
  private static final List<String> REPORTS = List.of("category_by_country", "category_by_year", "top_user_by_country",
      "top_country", "category_by_age_group", "median_followers_by_age_group", "users_joined_by_year",
      "median_followers_by_join_year", "median_followers_by_join_year_and_age_group");

  @TempDir
  static Path dataDir;

  /** Keys of the first run's objects. */
  private static final Set<String> firstRunObjects = new HashSet<>();

  @Test
  @Order(1)
  void runSendsTheSampledPostsToS3ItsSummaryMatchesWhatLandedAndItEndsWithTheDaysReports() throws Exception {
    PinpipeCommandAccess.Result result = PinpipeCommandAccess.run(runArguments(POSTS, PathSpellings.dotRelative(dataDir)));

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("pinpipe run: 500 posts delivered, 0 failed").contains("pinpipe run: done");

    List<Post> sampled = sampled();
    try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir.resolve("s3"), Ports.free());
         S3AsyncClient client = TestPipeline.client(s3)) {
      for (String kind : List.of("pin", "geo", "user")) {
        String topic = PREFIX + "." + kind;
        List<String> expected = sampled.stream().map(post -> switch (kind) {
          case "pin" -> post.pin().toJson().encode();
          case "geo" -> post.geo().toJson().encode();
          default -> post.user().toJson().encode();
        }).toList();
        assertThat(S3Inventory.allLines(client, "pinpipe", topic)).as(topic).containsExactlyInAnyOrderElementsOf(expected);

        S3Inventory.TopicContents contents = S3Inventory.of(client, "pinpipe", topic);
        Matcher row = Pattern.compile(Pattern.quote(topic) + "\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)").matcher(result.out());
        assertThat(row.find()).as("summary row for " + topic).isTrue();
        assertThat(number(row.group(1))).isEqualTo(POSTS);
        assertThat(number(row.group(2))).isEqualTo(contents.records());
        assertThat(number(row.group(3))).isEqualTo(contents.objects());
        assertThat(number(row.group(4))).isEqualTo(contents.bytes());
        firstRunObjects.addAll(keys(client, topic));
      }

      Matcher html = Pattern.compile("pinpipe run: HTML report (\\S+/reports/html/dt=(\\d{4}-\\d{2}-\\d{2})/index\\.html) "
          + "\\(also s3://pinpipe/(reports/html/dt=\\2/index\\.html)\\)").matcher(result.out());
      assertThat(html.find()).as("the HTML report's path in " + result.out()).isTrue();
      Path page = Path.of(html.group(1));
      assertThat(page).isEqualTo(dataDir.resolve("reports/html/dt=" + html.group(2) + "/index.html").toAbsolutePath());
      String pageText = Files.readString(page);
      assertThat(Jsoup.parse(pageText).select("section canvas")).hasSize(9);
      assertThat(client.getObject(request -> request.bucket("pinpipe").key(html.group(3)), AsyncResponseTransformer.toBytes())
          .get(30, TimeUnit.SECONDS).asUtf8String()).isEqualTo(pageText);
    }
    assertThat(result.out()).contains("[job] ");
    for (String report : REPORTS) {
      assertThat(result.out()).as("report " + report).contains("\n" + report + ": ");
    }
    String topCountry = result.out().substring(result.out().indexOf("\ntop_country: "));
    assertThat(topCountry.substring(0, topCountry.indexOf("\n\n")).lines().filter(line -> line.startsWith("|"))).hasSize(2);
    assertThat(result.out().indexOf("pinpipe run: done")).isGreaterThan(result.out().indexOf("pinpipe run: HTML report"));
  }

  @Test
  @Order(2)
  void aSecondRunInTheSameDataDirectoryCountsOnlyItsOwnRecordsAndFailsWhenOneOfThemIsMissingFromS3() {
    assertThat(firstRunObjects).as("the first run's objects").isNotEmpty();
    String pin = PREFIX + ".pin";
    AtomicLong removedLines = new AtomicLong(-1);
    CommandLine.IFactory removingOneObject = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        K command = CommandLine.defaultFactory().create(type);
        if (command instanceof RunCommand run) {
          run.beforeCheck = pipeline -> {
            try (S3AsyncClient client = S3Clients.create(pipeline.runtime().config().s3(), pipeline.runtime().s3())) {
              String key = keys(client, pin).stream().filter(object -> !firstRunObjects.contains(object)).findFirst().orElseThrow();
              removedLines.set(client.getObject(request -> request.bucket("pinpipe").key(key), AsyncResponseTransformer.toBytes())
                  .join().asUtf8String().lines().count());
              client.deleteObject(request -> request.bucket("pinpipe").key(key)).join();
            }
          };
        }
        return command;
      }
    };

    PinpipeCommandAccess.Result result = PinpipeCommandAccess.run(removingOneObject,
        runArguments(SECOND_POSTS, PathSpellings.trailingDot(dataDir)));

    long missing = removedLines.get();
    assertThat(missing).as("records in the removed object of the second run").isPositive();
    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.out()).contains("pinpipe run: " + SECOND_POSTS + " posts delivered, 0 failed")
        .containsPattern(Pattern.quote(pin) + " +" + SECOND_POSTS + " +" + (SECOND_POSTS - missing) + " ")
        .containsPattern(Pattern.quote(PREFIX + ".geo") + " +" + SECOND_POSTS + " +" + SECOND_POSTS + " ")
        .containsPattern(Pattern.quote(PREFIX + ".user") + " +" + SECOND_POSTS + " +" + SECOND_POSTS + " ")
        .contains("pinpipe run: INCOMPLETE: " + pin + ": " + missing + " of this run's " + SECOND_POSTS
            + " acknowledged records are not in S3")
        .contains("pinpipe run: INCOMPLETE: the Spark job was not run")
        .doesNotContain("[job] ").doesNotContain("pinpipe run: done");
  }

  private static String[] runArguments(int posts, String dataDirSpelling) {
    return new String[] {"run",
        "--posts", String.valueOf(posts), "--seed", String.valueOf(SEED), "--concurrency", "8",
        "--data-dir", dataDirSpelling, "--kafka", SharedKafka.bootstrap(), "--topic-prefix", PREFIX,
        "--s3-port", String.valueOf(Ports.free()), "--mysql-port", String.valueOf(Ports.free()),
        "--http-port", String.valueOf(Ports.free()), "--management-port", String.valueOf(Ports.free())};
  }

  private static List<String> keys(S3AsyncClient client, String topic) {
    return client.listObjectsV2(request -> request.bucket("pinpipe").prefix("topics/" + topic + "/")).join()
        .contents().stream().map(S3Object::key).filter(key -> key.endsWith(".json")).toList();
  }

  /** What the emulator picks for the seed: uniformly, with replacement, over the 11,000 posts of the dataset of that seed. */
  private static List<Post> sampled() {
    SplittableRandom random = new SplittableRandom(SEED);
    List<Post> picked = new ArrayList<>();
    for (int i = 0; i < POSTS; i++) {
      picked.add(DatasetGenerator.post(SEED, random.nextInt(DatasetGenerator.DEFAULT_POSTS)));
    }
    return picked;
  }

  private static long number(String text) {
    return Long.parseLong(text.replace(",", ""));
  }
}
