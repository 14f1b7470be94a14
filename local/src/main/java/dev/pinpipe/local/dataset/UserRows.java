package dev.pinpipe.local.dataset;

import dev.pinpipe.posts.UserRow;

import static dev.pinpipe.local.dataset.RandomPicks.pick;

import java.util.SplittableRandom;

/** Makes {@code user_data} rows: a name, an age, a date of joining. */
final class UserRows {

  private UserRows() {
  }

  static UserRow make(int index, SplittableRandom random) {
    String firstName = pick(random, Names.FIRST);
    String lastName = pick(random, Names.LAST);
    int age = random.nextInt(DatasetGenerator.MIN_AGE, DatasetGenerator.MAX_AGE + 1);
    String dateJoined = Timestamps.uniform(random, DatasetGenerator.JOINED_FIRST, DatasetGenerator.JOINED_LAST);
    return new UserRow(index, firstName, lastName, age, dateJoined);
  }
}
