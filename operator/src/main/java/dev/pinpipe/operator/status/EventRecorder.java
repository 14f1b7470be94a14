package dev.pinpipe.operator.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Kubernetes Events (core/v1) on our resources, which {@code kubectl describe} lists. An event
 * that cannot be written is logged and dropped: it never fails the reconcile that made it.
 */
public final class EventRecorder {

  public static final String COMPONENT = "pinpipe-operator";
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;
  private final Random random = new SecureRandom();

  /** @param instance who reports: the operator pod's name */
  public EventRecorder(KubernetesClient client, Clock clock, String instance) {
    this.client = client;
    this.clock = clock;
    this.instance = instance;
  }

  public void normal(HasMetadata object, String reason, String message) {
    record(object, NORMAL, reason, message);
  }

  public void warning(HasMetadata object, String reason, String message) {
    record(object, WARNING, reason, message);
  }

  private void record(HasMetadata object, String type, String reason, String message) {
    String now = Times.format(clock.instant());
    // Unique across operator replicas and restarts: the time, as client-go names events, and a random part.
    String name = object.getMetadata().getName() + "." + Long.toHexString(clock.millis()) + String.format("%08x", random.nextInt());
    Event event = new EventBuilder()
        .withNewMetadata().withName(name).withNamespace(object.getMetadata().getNamespace()).endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(object.getApiVersion()).withKind(object.getKind())
            .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
            .withUid(object.getMetadata().getUid()).build())
        .withType(type).withReason(reason).withMessage(message)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT).withReportingInstance(instance)
        .build();
    try {
      client.v1().events().inNamespace(object.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("event not recorded: kind={} name={} reason={} error={}", object.getKind(), object.getMetadata().getName(),
          reason, e.getMessage());
    }
  }
}
