package dev.stallwatch.app.broker;

import dev.stallwatch.model.kafka.Topic;
import dev.stallwatch.model.kafka.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the stallwatch topics that do not exist yet; existing topics are left as they are. */
public final class TopicProvisioner {

  private final Admin admin;

  public TopicProvisioner(Admin admin) {
    this.admin = admin;
  }

  /**
   * @param partitions partitions of each new topic (the analyzer scales up to this many)
   * @param replicationFactor replicas of each new topic; empty takes the cluster's default
   * @return the names of the topics this call created
   */
  public List<String> ensureTopics(int partitions, Optional<Short> replicationFactor)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing = new ArrayList<>();
    for (Topic<?, ?> topic : Topics.ALL) {
      if (!existing.contains(topic.name())) {
        missing.add(
            new NewTopic(topic.name(), Optional.of(partitions), replicationFactor)
                .configs(topic.config()));
      }
    }
    List<String> created = new ArrayList<>();
    for (NewTopic topic : missing) {
      try {
        admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        created.add(topic.name());
      } catch (ExecutionException e) {
        // Another process created it between our listing and our request: that is fine.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    return created;
  }
}
