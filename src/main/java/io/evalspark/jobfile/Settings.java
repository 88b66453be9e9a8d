package io.evalspark.jobfile;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.evalspark.core.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Typed reads from one block of a job file (or of the command line's flags), whose errors name the
 * key, where it was set and what was expected: "threshold in evaluation 'ctr' (nightly.conf: 12)
 * must be a number, got "high"".
 */
final class Settings {
  private final Config config;
  private final String where;

  Settings(Config config, String where) {
    this.config = config;
    this.where = where;
  }

  /** Refuses keys that are not in {@code known}, naming the unknown key and the ones that are known. */
  void requireOnly(Set<String> known) {
    for (String key : config.root().keySet()) {
      if (!known.contains(key)) {
        throw new UsageException("unknown key '" + key + "' in " + where + origin(key)
            + "; known keys: " + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  boolean has(String key) {
    return config.hasPath(key);
  }

  String string(String key) {
    return has(key) ? read(key, "a string", () -> scalar(key)) : null;
  }

  String string(String key, String fallback) {
    String s = string(key);
    return s == null ? fallback : s;
  }

  double number(String key, double fallback) {
    return has(key) ? read(key, "a number", () -> config.getDouble(key)) : fallback;
  }

  int integer(String key, int fallback) {
    return has(key) ? read(key, "a whole number", () -> config.getInt(key)) : fallback;
  }

  boolean flag(String key) {
    return has(key) && read(key, "true or false", () -> config.getBoolean(key));
  }

  /** A list of strings, written either as a list or as one comma-separated string; empty if absent. */
  List<String> list(String key) {
    if (!has(key)) {
      return List.of();
    }
    ConfigValue v = config.getValue(key);
    if (v.valueType() == ConfigValueType.LIST) {
      return read(key, "a list of strings", () -> config.getStringList(key));
    }
    List<String> parts = new ArrayList<>();
    for (String p : Arrays.asList(scalar(key).split(","))) {
      if (!p.isBlank()) {
        parts.add(p.trim());
      }
    }
    return parts;
  }

  /** A list of strings, or one string taken whole (commas and all): formulas, for example. */
  List<String> wholeStrings(String key) {
    if (!has(key)) {
      return List.of();
    }
    if (config.getValue(key).valueType() == ConfigValueType.LIST) {
      return read(key, "a list of strings", () -> config.getStringList(key));
    }
    return List.of(scalar(key));
  }

  /** A whole number list, written as a list or as one comma-separated string. */
  List<Integer> integers(String key) {
    List<Integer> out = new ArrayList<>();
    for (String s : list(key)) {
      try {
        out.add(Integer.parseInt(s.trim()));
      } catch (NumberFormatException e) {
        throw new UsageException(key + " in " + where + origin(key) + " must be whole numbers, got '" + s + "'");
      }
    }
    return out;
  }

  String where() {
    return where;
  }

  private String scalar(String key) {
    ConfigValue v = config.getValue(key);
    if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
      throw new ConfigException.WrongType(v.origin(), key, "a string", v.valueType().name());
    }
    return String.valueOf(v.unwrapped());
  }

  private <T> T read(String key, String expected, Supplier<T> getter) {
    try {
      return getter.get();
    } catch (ConfigException e) {
      Object got = config.getValue(key).unwrapped();
      throw new UsageException(key + " in " + where + origin(key) + " must be " + expected + ", got " + got);
    }
  }

  private String origin(String key) {
    if (!config.hasPath(key) || config.getValue(key).origin().lineNumber() < 0) {
      return "";
    }
    ConfigValue v = config.getValue(key);
    String file = v.origin().filename();
    return " (" + (file == null ? v.origin().description() : file) + ": line " + v.origin().lineNumber() + ")";
  }
}
