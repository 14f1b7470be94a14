package dev.pinpipe.ingest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokenAuthTest {

  private final BearerTokenAuth auth = new BearerTokenAuth(List.of("alpha-token", "beta-token"));

  @Test
  void acceptsAnyConfiguredTokenWithEitherCaseOfTheScheme() {
    assertThat(auth.authorized("Bearer alpha-token")).isTrue();
    assertThat(auth.authorized("bearer beta-token")).isTrue();
  }

  @Test
  void refusesMissingWrongAndMalformedCredentials() {
    assertThat(auth.authorized(null)).isFalse();
    assertThat(auth.authorized("")).isFalse();
    assertThat(auth.authorized("Bearer ")).isFalse();
    assertThat(auth.authorized("Bearer alpha-toke")).isFalse();
    assertThat(auth.authorized("Bearer alpha-token2")).isFalse();
    assertThat(auth.authorized("Basic YWxwaGEtdG9rZW4=")).isFalse();
    assertThat(auth.authorized("alpha-token")).isFalse();
  }
}
