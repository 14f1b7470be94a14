package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.S3Settings;
import dev.pinpipe.dataset.DatasetGenerator;
import dev.pinpipe.dataset.Post;
import dev.pinpipe.s3.EmbeddedS3;
import dev.pinpipe.s3.S3Clients;
import dev.pinpipe.s3.S3Inventory;
import dev.pinpipe.support.Ports;
import dev.pinpipe.support.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pinpipe run --posts 500}: from the embedded MariaDB to S3, and a summary that matches S3. */
class RunCommandIT {

  private static final long SEED = 42;
  private static final int POSTS = 500;

  @TempDir
  Path dataDir;

  @Test
  void runSendsTheSampledPostsToS3AndItsSummaryMatchesWhatLanded() {
    String prefix = "run-" + UUID.randomUUID().toString().substring(0, 8);
    int s3Port = Ports.free();
    PinpipeCommandAccess.Result result = PinpipeCommandAccess.run("run",
        "--posts", String.valueOf(POSTS), "--seed", String.valueOf(SEED), "--concurrency", "8",
        "--data-dir", dataDir.toString(), "--kafka", SharedKafka.bootstrap(), "--topic-prefix", prefix,
        "--s3-port", String.valueOf(s3Port), "--mysql-port", String.valueOf(Ports.free()),
        "--http-port", String.valueOf(Ports.free()), "--management-port", String.valueOf(Ports.free()));

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("pinpipe run: 500 posts delivered, 0 failed").contains("pinpipe run: done");

    List<Post> sampled = sampled();
    try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir.resolve("s3"), Ports.free());
         S3AsyncClient client = S3Clients.create(S3Settings.from(ConfigSource.of(Map.of())), Optional.of(s3))) {
      for (String kind : List.of("pin", "geo", "user")) {
        String topic = prefix + "." + kind;
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
      }
    }
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
