package switchboard.api.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed reading of a component's configuration properties, where values may arrive as strings
 * (from {@code .cfg} files) or typed (from the console). Every failure names the key and the reason.
 */
public final class ConfigValues {
    private final Map<String, ?> properties;

    public ConfigValues(Map<String, ?> properties) {
        this.properties = properties == null ? Map.of() : properties;
    }

    public String string(String key, String fallback) {
        Object v = properties.get(key);
        if (v == null) return fallback;
        String s = v.toString().trim();
        return s.isEmpty() ? fallback : s;
    }

    public boolean bool(String key, boolean fallback) throws InvalidConfigurationException {
        Object v = properties.get(key);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        String s = v.toString().trim().toLowerCase();
        if (s.isEmpty()) return fallback;
        if (s.equals("true")) return true;
        if (s.equals("false")) return false;
        throw new InvalidConfigurationException(key, "'" + v + "' is not true or false");
    }

    public int integer(String key, int fallback, int min, int max) throws InvalidConfigurationException {
        Object v = properties.get(key);
        if (v == null || v.toString().isBlank()) return fallback;
        long n;
        if (v instanceof Number num) {
            n = num.longValue();
        } else {
            try {
                n = Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new InvalidConfigurationException(key, "'" + v + "' is not a whole number");
            }
        }
        if (n < min || n > max)
            throw new InvalidConfigurationException(key, n + " is out of range " + min + ".." + max);
        return (int) n;
    }

    public int port(String key, int fallback) throws InvalidConfigurationException {
        return integer(key, fallback, 1, 65535);
    }

    /** A value parsed by {@code parser}, whose {@link IllegalArgumentException} message is the reason. */
    public <T> T parsed(String key, String fallback, Function<String, T> parser) throws InvalidConfigurationException {
        String s = string(key, fallback);
        try {
            return parser.apply(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, e.getMessage());
        }
    }

    /** A list given as an array, a collection or one comma-separated string. */
    public List<String> list(String key) {
        Object v = properties.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        Collection<?> items = v instanceof Collection<?> c ? c
                : v instanceof Object[] array ? Arrays.asList(array)
                : Arrays.asList(v.toString().split(","));
        for (Object item : items) {
            String s = String.valueOf(item).trim();
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }
}
