package io.docpipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** Plain JSON for an Avro generic record: no union wrappers, timestamps as ISO-8601 instants. */
final class AvroJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> TEXT_FIELDS = Set.of("text");

  private AvroJson() {}

  static ObjectNode toJson(GenericRecord record, boolean dropTopLevelText) {
    ObjectNode node = NODES.objectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      if (dropTopLevelText && TEXT_FIELDS.contains(field.name())) {
        continue;
      }
      node.set(field.name(), value(record.get(field.pos()), field.schema()));
    }
    return node;
  }

  private static JsonNode value(Object value, Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (schema.getType() == Schema.Type.UNION) {
      for (Schema branch : schema.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          return value(value, branch);
        }
      }
    }
    if (value instanceof Instant instant) {
      return NODES.textNode(instant.toString()); // logical timestamps of generated (specific) records
    }
    LogicalType logical = schema.getLogicalType();
    if (logical != null && "timestamp-millis".equals(logical.getName()) && value instanceof Long millis) {
      return NODES.textNode(Instant.ofEpochMilli(millis).toString());
    }
    return switch (schema.getType()) {
      case RECORD -> toJson((GenericRecord) value, false);
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        ((Collection<?>) value).forEach(item -> array.add(value(item, schema.getElementType())));
        yield array;
      }
      case MAP -> {
        ObjectNode map = NODES.objectNode();
        ((Map<?, ?>) value).forEach((k, v) -> map.set(k.toString(), value(v, schema.getValueType())));
        yield map;
      }
      case INT -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode((Long) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(((ByteBuffer) value).array()));
      default -> NODES.textNode(value.toString());
    };
  }
}
