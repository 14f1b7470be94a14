package dev.pinpipe.posts;

/** One post: the three rows that share an index ({@code pin.index == geo.ind == user.ind}). */
public record Post(PinRow pin, GeoRow geo, UserRow user) {

  public Post {
    if (pin.index() != geo.ind() || pin.index() != user.ind()) {
      throw new IllegalArgumentException("rows of one post must share their index: pin " + pin.index()
          + ", geo " + geo.ind() + ", user " + user.ind());
    }
  }

  public int index() {
    return pin.index();
  }
}
