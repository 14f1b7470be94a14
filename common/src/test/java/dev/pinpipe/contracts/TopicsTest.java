package dev.pinpipe.contracts;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

  @Test
  void eachKindHasATopicUnderThePrefix() {
    Topics topics = new Topics("pp");

    assertThat(topics.topic(RecordKind.GEO)).isEqualTo("pp.geo");
    assertThat(topics.all()).containsExactly("pp.pin", "pp.geo", "pp.user");
    assertThat(RecordKind.USER.id()).isEqualTo("user");
  }

  @Test
  void theAllowListAcceptsExactlyTheThreeTopicsWithThePrefixTakenLiterally() {
    Pattern allowList = Pattern.compile(new Topics("a.b").allowList());

    assertThat(new Topics("a.b").all()).allMatch(topic -> allowList.matcher(topic).matches());
    assertThat(allowList.matcher("aXb.pin").matches()).isFalse();
    assertThat(allowList.matcher("a.b.pins").matches()).isFalse();
    assertThat(allowList.matcher("a.b.pin.dlq").matches()).isFalse();
    assertThat(new Topics(Topics.DEFAULT_PREFIX).allowList()).isEqualTo("^\\Qpinpipe\\E\\.(pin|geo|user)$");
  }

  @Test
  void deadLettersGoToTheTopicWithDlqAppended() {
    assertThat(Topics.deadLetterTopic("pinpipe.pin")).isEqualTo("pinpipe.pin.dlq");
  }
}
