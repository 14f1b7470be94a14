package dev.pinpipe.operator.spark;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The Kubeflow spark-operator's {@code sparkoperator.k8s.io/v1beta2} SparkApplication, as far as
 * pinpipe writes and reads it. Field names and types follow the spark-operator 2.x CRD exactly
 * ({@code SparkApplicationShapeTest} checks every object we create against it).
 */
@Group("sparkoperator.k8s.io")
@Version("v1beta2")
@Kind("SparkApplication")
@Plural("sparkapplications")
public class SparkApplication extends CustomResource<SparkApplicationSpec, SparkApplicationStatus> implements Namespaced {
}
