package dev.pinpipe.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the pipeline's topics when they are missing (start-up only, blocking). */
public final class TopicSetup {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

  private TopicSetup() {
  }

  public static void ensureTopics(Map<String, String> adminConfig, Collection<String> topics, int partitions, long timeoutMs) {
    try (Admin admin = Admin.create(Map.copyOf(adminConfig))) {
      Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
      List<NewTopic> missing = topics.stream()
          .filter(topic -> !existing.contains(topic))
          .map(topic -> new NewTopic(topic, Optional.of(partitions), Optional.empty()))
          .toList();
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(timeoutMs, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      missing.forEach(topic -> LOG.atInfo().addKeyValue("topic", topic.name())
          .addKeyValue("partitions", partitions).log("created topic"));
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka at " + adminConfig.get("bootstrap.servers")
          + " did not answer within " + timeoutMs + " ms: check --kafka and that the broker is up", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics " + topics + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
