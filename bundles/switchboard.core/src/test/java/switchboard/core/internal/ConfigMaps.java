package switchboard.core.internal;

import java.util.HashMap;
import java.util.Map;

/** Configuration properties as DS passes them to a component, written inline in tests. */
public final class ConfigMaps {
    private ConfigMaps() {}

    /** A mutable map of alternating keys and values; values may be null or of any type. */
    public static Map<String, Object> properties(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("keys and values must pair up");
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }
}
