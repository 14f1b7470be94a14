package dev.pinpipe.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Standard conditions (type, status, reason, message, lastTransitionTime, observedGeneration):
 * {@code lastTransitionTime} moves only when the status flips, as Kubernetes' own controllers do.
 */
public final class Conditions {

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private Conditions() {
  }

  /** Sets {@code type} in {@code conditions} (a mutable list); returns whether anything changed. */
  public static boolean set(List<Condition> conditions, String type, String status, String reason, String message,
      long generation, Instant now) {
    Optional<Condition> existing = find(conditions, type);
    if (existing.isPresent()) {
      Condition condition = existing.get();
      boolean flipped = !Objects.equals(condition.getStatus(), status);
      boolean changed = flipped || !Objects.equals(condition.getReason(), reason)
          || !Objects.equals(condition.getMessage(), message) || !Objects.equals(condition.getObservedGeneration(), generation);
      condition.setStatus(status);
      condition.setReason(reason);
      condition.setMessage(message);
      condition.setObservedGeneration(generation);
      if (flipped) {
        condition.setLastTransitionTime(Times.format(now));
      }
      return changed;
    }
    conditions.add(new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withObservedGeneration(generation).withLastTransitionTime(Times.format(now)).build());
    return true;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions.stream().filter(condition -> type.equals(condition.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(condition -> TRUE.equals(condition.getStatus())).orElse(false);
  }
}
