package io.dvraft.testkit;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Flattens plain-data records (of numbers, booleans and such records) to string pairs and back. */
final class RecordProperties {

  private RecordProperties() {}

  static Map<String, String> flatten(Record record) {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", record, out);
    return out;
  }

  private static void flatten(String prefix, Record record, Map<String, String> out) {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      Object value = get(c, record);
      if (value instanceof Record nested) {
        flatten(prefix + c.getName() + ".", nested, out);
      } else {
        out.put(prefix + c.getName(), String.valueOf(value));
      }
    }
  }

  static <T extends Record> T build(Class<T> type, Map<String, String> properties) {
    return build("", type, properties);
  }

  private static <T extends Record> T build(
      String prefix, Class<T> type, Map<String, String> properties) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      String key = prefix + c.getName();
      if (c.getType().isRecord()) {
        values[i] = build(key + ".", c.getType().asSubclass(Record.class), properties);
        continue;
      }
      String text = properties.get(key);
      if (text == null) {
        throw new IllegalArgumentException("missing scenario property '" + key + "'");
      }
      values[i] = parse(key, c.getType(), text.trim());
    }
    try {
      Constructor<T> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          "invalid " + type.getSimpleName() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object parse(String key, Class<?> type, String text) {
    try {
      if (type == int.class) {
        return Integer.parseInt(text);
      } else if (type == long.class) {
        return Long.parseLong(text);
      } else if (type == double.class) {
        return Double.parseDouble(text);
      } else if (type == boolean.class) {
        if (!text.equals("true") && !text.equals("false")) {
          throw new IllegalArgumentException("not a boolean");
        }
        return Boolean.parseBoolean(text);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad value '" + text + "' for '" + key + "'", e);
    }
    throw new IllegalStateException("unsupported property type " + type + " for " + key);
  }

  private static Object get(RecordComponent c, Record record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
