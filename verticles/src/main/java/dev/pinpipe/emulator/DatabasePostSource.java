package dev.pinpipe.emulator;

import dev.pinpipe.posts.Post;
import dev.pinpipe.db.PostReader;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.util.List;

/** Posts read by key, with prepared statements, from the three source tables. */
public final class DatabasePostSource implements PostSource {

  private final Pool pool;

  public DatabasePostSource(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<Integer>> indexes() {
    return PostReader.indexes(pool);
  }

  @Override
  public Future<List<Post>> read(List<Integer> indexes) {
    return PostReader.read(pool, indexes).map(posts -> {
      if (posts.size() != indexes.size()) {
        throw new IllegalStateException("the source database lost posts while they were being read: asked "
            + indexes.size() + ", found " + posts.size());
      }
      return posts;
    });
  }
}
