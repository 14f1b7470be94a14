package dev.pinpipe.emulator;

import dev.pinpipe.posts.Post;
import io.vertx.core.Future;

import java.util.List;

/** Where posts come from: the source database, read by key. */
public interface PostSource {

  /** The index of every post present in all three tables. */
  Future<List<Integer>> indexes();

  /** The posts with these indexes, in the same order (an index may repeat). */
  Future<List<Post>> read(List<Integer> indexes);
}
