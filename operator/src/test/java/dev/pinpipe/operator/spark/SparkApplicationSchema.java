package dev.pinpipe.operator.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.KubernetesResourceUtil;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Kubeflow spark-operator's SparkApplication CRD (v2.5.2, {@code spark-operator/} in the test
 * resources) as a checker: {@link #violations} lists where an object breaks its
 * {@code openAPIV3Schema}, as the API server would find it (unknown fields, types, enums, required
 * fields, formats, bounds and patterns), plus what the API server and the spark-operator's webhook
 * check outside the schema: apiVersion and kind, a DNS-1035 label of at most 63 characters as
 * name, a namespace, valid labels on the object and its pods. An empty list means the object
 * would be accepted as written.
 */
public final class SparkApplicationSchema {

  public static final String CRD_RESOURCE = "/spark-operator/sparkoperator.k8s.io_sparkapplications.yaml";

  private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
  private static final Pattern DNS_1035_LABEL = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final JsonNode schema;
  private final String apiVersion;
  private final String kind;

  private SparkApplicationSchema(JsonNode crd) {
    JsonNode version = crd.path("spec").path("versions").get(0);
    this.schema = version.path("schema").path("openAPIV3Schema");
    this.apiVersion = crd.path("spec").path("group").asText() + "/" + version.path("name").asText();
    this.kind = crd.path("spec").path("names").path("kind").asText();
  }

  /** The checker of the CRD in the test resources. */
  public static SparkApplicationSchema load() {
    try (InputStream in = SparkApplicationSchema.class.getResourceAsStream(CRD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(CRD_RESOURCE + " is not on the test classpath");
      }
      return new SparkApplicationSchema(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code application} as fabric8 sends it to the API server. */
  public static JsonNode json(SparkApplication application) {
    try {
      return new ObjectMapper().readTree(SERIALIZATION.asJson(application));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The violations of {@code application} serialized by fabric8. */
  public List<String> violations(SparkApplication application) {
    return violations(json(application));
  }

  /** Each violation as {@code <path>: <what is wrong>}; empty when the object is valid. */
  public List<String> violations(JsonNode application) {
    List<String> violations = new ArrayList<>();
    check(application, schema, "", violations);
    if (!application.path("apiVersion").asText().equals(apiVersion)) {
      violations.add("apiVersion: must be " + apiVersion + ", got " + application.path("apiVersion"));
    }
    if (!application.path("kind").asText().equals(kind)) {
      violations.add("kind: must be " + kind + ", got " + application.path("kind"));
    }
    metadata(application.path("metadata"), violations);
    labels(application.at("/spec/driver/labels"), "spec.driver.labels", violations);
    labels(application.at("/spec/executor/labels"), "spec.executor.labels", violations);
    return violations;
  }

  /** ObjectMeta is the API server's (the schema says only "object"): what matters to a SparkApplication. */
  private static void metadata(JsonNode metadata, List<String> violations) {
    String name = metadata.path("name").asText("");
    if (name.length() > 63 || !DNS_1035_LABEL.matcher(name).matches()) {
      violations.add("metadata.name: must be a DNS-1035 label of at most 63 characters, got '" + name + "'");
    }
    if (metadata.path("namespace").asText("").isEmpty()) {
      violations.add("metadata.namespace: missing");
    }
    labels(metadata.path("labels"), "metadata.labels", violations);
  }

  /** Labels as Kubernetes takes them, on the object or (spec.driver.labels, spec.executor.labels) on its pods. */
  private static void labels(JsonNode labels, String path, List<String> violations) {
    labels.fields().forEachRemaining(label -> {
      if (!validLabelKey(label.getKey())) {
        violations.add(path + ": invalid label key '" + label.getKey() + "'");
      }
      String value = label.getValue().asText("");
      if (!label.getValue().isTextual() || value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
        violations.add(path + "." + label.getKey() + ": invalid label value " + label.getValue());
      }
    });
  }

  /** {@code [prefix/]name}: the prefix a DNS-1123 subdomain, the name at most 63 characters of the label value's alphabet. */
  private static boolean validLabelKey(String key) {
    int slash = key.indexOf('/');
    String name = key.substring(slash + 1);
    boolean prefixValid = slash < 0 || KubernetesResourceUtil.isValidSubdomainName(key.substring(0, slash));
    return prefixValid && !name.isEmpty() && name.length() <= 63 && LABEL_VALUE.matcher(name).matches();
  }

  private static void check(JsonNode value, JsonNode schema, String path, List<String> violations) {
    String at = path.isEmpty() ? "<root>" : path;
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        violations.add(at + ": null is not allowed");
      }
      return;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (!value.isIntegralNumber() && !value.isTextual()) {
        violations.add(at + ": must be an integer or a string, got " + typeOf(value));
      }
      return;
    }
    if (schema.has("anyOf")) {
      boolean any = false;
      for (JsonNode alternative : schema.get("anyOf")) {
        List<String> found = new ArrayList<>();
        check(value, alternative, path, found);
        any |= found.isEmpty();
      }
      if (!any) {
        violations.add(at + ": matches none of " + schema.get("anyOf"));
      }
    }
    String type = schema.path("type").asText("");
    if (!type.isEmpty() && !hasType(value, type)) {
      violations.add(at + ": must be " + type + ", got " + typeOf(value) + " " + value);
      return;
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      violations.add(at + ": " + value + " is not one of " + schema.get("enum"));
    }
    bounds(value, schema, at, violations);
    if (value.isObject()) {
      object(value, schema, path, violations);
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.get("items"), path + "[" + i + "]", violations);
      }
    }
  }

  private static void object(JsonNode value, JsonNode schema, String path, List<String> violations) {
    String prefix = path.isEmpty() ? "" : path + ".";
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        violations.add(prefix + required.asText() + ": required, missing");
      }
    }
    boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String fieldPath = prefix + field.getKey();
      if (path.isEmpty() && field.getKey().equals("metadata")) {
        continue; // ObjectMeta: the schema says only "object"; metadata() checks it as the API server does
      }
      if (properties.has(field.getKey())) {
        check(field.getValue(), properties.get(field.getKey()), fieldPath, violations);
      } else if (additional.isObject()) {
        check(field.getValue(), additional, fieldPath, violations);
      } else if (!preserveUnknown && !additional.asBoolean(false)) {
        violations.add(fieldPath + ": unknown field");
      }
    }
  }

  private static void bounds(JsonNode value, JsonNode schema, String at, List<String> violations) {
    if (value.isIntegralNumber()) {
      String format = schema.path("format").asText("");
      if (format.equals("int32") && !value.canConvertToInt()) {
        violations.add(at + ": " + value + " is out of int32's range");
      }
      if (format.equals("int64") && !value.canConvertToLong()) {
        violations.add(at + ": " + value + " is out of int64's range");
      }
    }
    if (value.isNumber() && schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
      violations.add(at + ": " + value + " is below the minimum " + schema.get("minimum"));
    }
    if (value.isNumber() && schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
      violations.add(at + ": " + value + " is above the maximum " + schema.get("maximum"));
    }
    if (value.isTextual() && schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
      violations.add(at + ": '" + value.asText() + "' does not match " + schema.get("pattern").asText());
    }
    if (value.isTextual() && schema.has("maxLength") && value.asText().length() > schema.get("maxLength").asInt()) {
      violations.add(at + ": longer than " + schema.get("maxLength") + " characters");
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> false;
    };
  }

  private static String typeOf(JsonNode value) {
    return value.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode allowed : values) {
      if (allowed.equals(value)) {
        return true;
      }
    }
    return false;
  }
}
