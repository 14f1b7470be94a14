package dev.pinpipe.fanout;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightBudgetTest {

  @Test
  void refusesWhatDoesNotFitAndTakesItOnceReleased() {
    InFlightBudget budget = new InFlightBudget(100);

    assertThat(budget.tryAcquire(60)).isTrue();
    assertThat(budget.tryAcquire(50)).isFalse();
    assertThat(budget.tryAcquire(40)).isTrue();
    assertThat(budget.used()).isEqualTo(100);
    budget.release(60);
    assertThat(budget.tryAcquire(50)).isTrue();
    assertThat(budget.used()).isEqualTo(90);
  }

  @Test
  void aRequestLargerThanTheBudgetStillGoesAloneSoItCanNeverStarve() {
    InFlightBudget budget = new InFlightBudget(10);

    assertThat(budget.tryAcquire(500)).isTrue();
    assertThat(budget.tryAcquire(1)).isFalse();
    budget.release(500);
    assertThat(budget.used()).isZero();
  }
}
