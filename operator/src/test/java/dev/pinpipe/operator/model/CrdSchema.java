package dev.pinpipe.operator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One CRD's {@code openAPIV3Schema}, checked the way the API server checks a document against it,
 * as JSON Schema draft 4 (which OpenAPI v3 schemas are close to): the {@code x-kubernetes-}
 * extensions are left out (the CEL rules are listed by {@link #rules()}, to be evaluated apart),
 * objects with properties refuse unknown fields as kubectl's default strict field validation does,
 * and the root also holds apiVersion, kind and metadata. A keyword without a translation here fails
 * loudly, so a new one in the model cannot go unchecked.
 */
final class CrdSchema {

  /** OpenAPI v3 keywords a structural schema may use that mean the same in JSON Schema draft 4. */
  private static final Set<String> SAME_IN_DRAFT_4 = Set.of("type", "properties", "required", "items", "enum", "pattern",
      "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
      "minProperties", "maxProperties", "multipleOf", "additionalProperties", "description", "title", "default", "format",
      "allOf", "anyOf", "oneOf", "not");
  private static final String VALIDATIONS = "x-kubernetes-validations";
  private static final String PRESERVE_UNKNOWN_FIELDS = "x-kubernetes-preserve-unknown-fields";

  private final JsonNode openApi;
  private final Schema schema;

  private CrdSchema(JsonNode openApi) {
    this.openApi = openApi;
    ObjectNode jsonSchema = translate(openApi, "");
    ObjectNode root = (ObjectNode) jsonSchema.get("properties");
    root.putObject("apiVersion").put("type", "string");
    root.putObject("kind").put("type", "string");
    root.putObject("metadata").put("type", "object");
    this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(jsonSchema);
  }

  /** The schema of the CRD's one version. */
  static CrdSchema of(Path crdFile) {
    try {
      JsonNode crd = new YAMLMapper().readTree(crdFile.toFile());
      JsonNode openApi = crd.at("/spec/versions/0/schema/openAPIV3Schema");
      if (openApi.isMissingNode() || crd.at("/spec/versions").size() != 1) {
        throw new IllegalArgumentException(crdFile + ": expected one version with an openAPIV3Schema");
      }
      return new CrdSchema(openApi);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the API server would refuse in {@code document}, one line per problem, named by field as it
   * names them: {@code spec.retry.maxAttempts: Invalid value: 0: must have a minimum value of 1.0}.
   */
  List<String> problems(JsonNode document) {
    return schema.validate(document).stream().map(CrdSchema::describe).toList();
  }

  /** A CEL rule of the schema ({@code x-kubernetes-validations}) and the field it is on, e.g. {@code spec}. */
  record Rule(String field, String rule, String message) {
  }

  List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    collectRules(openApi, "", rules);
    return rules;
  }

  private static void collectRules(JsonNode node, String field, List<Rule> rules) {
    for (JsonNode validation : node.path(VALIDATIONS)) {
      rules.add(new Rule(field, validation.path("rule").asText(), validation.path("message").asText()));
    }
    node.path("properties").properties().forEach(property ->
        collectRules(property.getValue(), field.isEmpty() ? property.getKey() : field + "." + property.getKey(), rules));
    if (node.has("items")) {
      collectRules(node.get("items"), field + "[*]", rules);
    }
    if (node.path("additionalProperties").isObject()) {
      collectRules(node.get("additionalProperties"), field + "[*]", rules);
    }
  }

  private static ObjectNode translate(JsonNode openApi, String field) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> entry : openApi.properties()) {
      String keyword = entry.getKey();
      JsonNode value = entry.getValue();
      switch (keyword) {
        case VALIDATIONS, PRESERVE_UNKNOWN_FIELDS -> {
          // CEL rules are evaluated apart (rules()); unknown fields are handled below.
        }
        case "properties" -> {
          ObjectNode properties = out.putObject("properties");
          value.properties().forEach(property -> properties.set(property.getKey(),
              translate(property.getValue(), field.isEmpty() ? property.getKey() : field + "." + property.getKey())));
        }
        case "items" -> out.set("items", translate(value, field + "[*]"));
        case "additionalProperties" -> out.set(keyword, value.isObject() ? translate(value, field + "[*]") : value.deepCopy());
        case "not" -> out.set(keyword, translate(value, field));
        case "allOf", "anyOf", "oneOf" -> {
          ArrayNode schemas = out.putArray(keyword);
          value.forEach(schema -> schemas.add(translate(schema, field)));
        }
        default -> {
          if (!SAME_IN_DRAFT_4.contains(keyword)) {
            throw new IllegalStateException("the CRD's schema at '" + field + "' uses " + keyword
                + ", which CrdSchema does not translate to JSON Schema yet: add it there");
          }
          out.set(keyword, value.deepCopy());
        }
      }
    }
    if (openApi.has("properties") && !openApi.has("additionalProperties")
        && !openApi.path(PRESERVE_UNKNOWN_FIELDS).asBoolean(false)) {
      out.put("additionalProperties", false);
    }
    return out;
  }

  private static String describe(Error error) {
    String field = field(error.getInstanceLocation());
    return switch (error.getKeyword()) {
      case "required" -> child(field, error.getProperty()) + ": Required value: " + error.getMessage();
      case "additionalProperties" -> child(field, error.getProperty()) + ": unknown field: " + error.getMessage();
      default -> field + ": Invalid value: " + error.getInstanceNode() + ": " + error.getMessage();
    };
  }

  /** A location as Kubernetes writes it: {@code spec.stages[0]}. */
  private static String field(NodePath location) {
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Number index) {
        field.append('[').append(index).append(']');
      } else {
        field.append(field.length() == 0 ? "" : ".").append(element);
      }
    }
    return field.toString();
  }

  private static String child(String field, String property) {
    return field.isEmpty() ? property : field + "." + property;
  }
}
