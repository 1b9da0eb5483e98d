package dev.gitops.history;

import dev.gitops.apply.ChangeSummary;
import dev.gitops.health.HealthStatus;
import dev.gitops.model.JacksonVersions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The versioned JSON form of a {@link SyncRecord}, written and read field by field so the format
 * does not follow Jackson's defaults for records, enums or {@link Instant}: instants are ISO-8601
 * strings ({@link Instant#toString()}), enums their names. Readers ignore unknown fields (a later
 * minor change only adds fields) and refuse another major {@code version}. Package-private.
 */
final class RecordJson {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
  }

  /** The format version written, and the only major version read. */
  static final long VERSION = 1;

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private RecordJson() {}

  /** Compact JSON of a stored record; {@code writer} names the store instance that wrote it. */
  static String write(SyncRecord r, String writer) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("version", VERSION);
    o.put("application", r.application());
    o.put("id", r.id());
    o.put("trigger", r.trigger().name());
    o.put("initiatedBy", r.initiatedBy());
    o.put("ref", r.ref());
    o.put("commitId", r.commitId());
    o.put("author", r.author());
    o.put("message", r.message());
    o.put("startedAt", r.startedAt().toString());
    o.put("finishedAt", r.finishedAt().toString());
    o.put("outcome", r.outcome().name());
    ChangeSummary c = r.changes();
    ObjectNode changes = o.putObject("changes");
    changes.put("created", c.created());
    changes.put("configured", c.configured());
    changes.put("replaced", c.replaced());
    changes.put("unchanged", c.unchanged());
    changes.put("deleted", c.deleted());
    changes.put("skipped", c.skipped());
    changes.put("failed", c.failed());
    changes.put("hooks", c.hooks());
    o.put("health", r.health().name());
    ArrayNode verdicts = o.putArray("verdicts");
    r.verdicts().forEach(verdicts::add);
    o.put("renderedDigest", r.renderedDigest());
    o.put("note", r.note());
    o.put("writer", writer);
    return MAPPER.writeValueAsString(o);
  }

  /**
   * Reads a record.
   *
   * @param location where it is kept, for messages ({@code ConfigMap ns/name})
   * @throws UnsupportedRecordVersionException for another major version
   * @throws UnreadableRecordException if the JSON is malformed or a field is missing or wrong
   */
  static SyncRecord read(String json, String location) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new UnreadableRecordException(location,
          location + " holds a history record that is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new UnreadableRecordException(location, location + " holds a history record that is not a JSON object");
    }
    Reader in = new Reader(root, location);
    long version = in.integer(root, "version");
    if (version != VERSION) {
      throw new UnsupportedRecordVersionException(location, version, VERSION);
    }
    try {
      JsonNode changes = in.object("changes");
      return new SyncRecord(
          in.string("application"),
          in.integer(root, "id"),
          in.enumValue("trigger", Trigger.class),
          in.string("initiatedBy"),
          in.string("ref"),
          in.string("commitId"),
          in.string("author"),
          in.string("message"),
          in.instant("startedAt"),
          in.instant("finishedAt"),
          in.enumValue("outcome", SyncOutcome.class),
          new ChangeSummary(
              in.count(changes, "created"), in.count(changes, "configured"), in.count(changes, "replaced"),
              in.count(changes, "unchanged"), in.count(changes, "deleted"), in.count(changes, "skipped"),
              in.count(changes, "failed"), in.count(changes, "hooks")),
          in.enumValue("health", HealthStatus.class),
          in.strings("verdicts"),
          in.string("renderedDigest"),
          in.string("note"));
    } catch (IllegalArgumentException e) {
      // The record's own checks (negative counts or id) on values that parsed.
      throw new UnreadableRecordException(location, location + " holds an invalid history record: " + e.getMessage(), e);
    }
  }

  /** Field access that names the field and the location when something is wrong. */
  private record Reader(JsonNode root, String location) {
    String string(String field) {
      JsonNode v = root.get(field);
      if (v == null || !v.isString()) {
        throw wrong(field, "a string");
      }
      return v.stringValue();
    }

    long integer(JsonNode node, String field) {
      JsonNode v = node.get(field);
      if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
        throw wrong(field, "an integer");
      }
      return v.longValue();
    }

    int count(JsonNode node, String field) {
      long v = integer(node, field);
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw wrong("changes." + field, "a count");
      }
      return (int) v;
    }

    JsonNode object(String field) {
      JsonNode v = root.get(field);
      if (v == null || !v.isObject()) {
        throw wrong(field, "an object");
      }
      return v;
    }

    List<String> strings(String field) {
      JsonNode v = root.get(field);
      if (v == null || !v.isArray()) {
        throw wrong(field, "an array of strings");
      }
      List<String> out = new ArrayList<>(v.size());
      for (JsonNode item : v) {
        if (!item.isString()) {
          throw wrong(field, "an array of strings");
        }
        out.add(item.stringValue());
      }
      return out;
    }

    Instant instant(String field) {
      String text = string(field);
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw wrong(field, "an ISO-8601 instant");
      }
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type) {
      String text = string(field);
      try {
        return Enum.valueOf(type, text);
      } catch (IllegalArgumentException e) {
        throw new UnreadableRecordException(location, location + " holds a history record whose field \""
            + field + "\" is \"" + text + "\", not a known " + type.getSimpleName());
      }
    }

    private UnreadableRecordException wrong(String field, String expected) {
      return new UnreadableRecordException(location,
          location + " holds a history record whose field \"" + field + "\" is missing or not " + expected);
    }
  }
}
