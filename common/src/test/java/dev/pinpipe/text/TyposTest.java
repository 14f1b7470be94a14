package dev.pinpipe.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TyposTest {

  static final List<String> KEYS = List.of("kafka.partitions", "ingest.http-port", "job.image", "http-port");

  @Test
  void suggestsTheKeyATypoMeant() {
    assertThat(Typos.nearest("kafka.partition", KEYS)).contains("kafka.partitions");
    assertThat(Typos.nearest("job.imgae", KEYS)).contains("job.image");
    assertThat(Typos.nearest("INGEST.HTTP_PORT", KEYS)).contains("ingest.http-port");
  }

  @Test
  void suggestsNothingForANameThatIsNoTypo() {
    assertThat(Typos.nearest("completely.different", KEYS)).isEmpty();
    assertThat(Typos.nearest("kafka", KEYS)).isEmpty();
    assertThat(Typos.nearest("anything", List.of())).isEmpty();
  }

  @Test
  void countsEditsAsLevenshteinDoes() {
    assertThat(Typos.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Typos.distance("", "abc")).isEqualTo(3);
    assertThat(Typos.distance("same", "same")).isZero();
  }
}
