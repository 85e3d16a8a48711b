package switchboard.audit.internal.log;

import java.util.Collections;
import java.util.Dictionary;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import switchboard.audit.internal.view.SecurityView;

/** Describes what changed between two versions of a configuration, keeping secrets out of the log. */
final class ConfigChanges {
    /** Keys Config Admin and File Install add, which say nothing about the change. */
    private static final Set<String> BOOKKEEPING = Set.of("service.pid", "service.factoryPid", "service.bundleLocation",
            "felix.fileinstall.filename");

    private ConfigChanges() {}

    static Map<String, String> values(Dictionary<String, Object> properties) {
        Map<String, String> values = new TreeMap<>();
        if (properties == null) return values;
        for (String key : Collections.list(properties.keys()))
            if (!BOOKKEEPING.contains(key)) values.put(key, SecurityView.text(properties.get(key)));
        return values;
    }

    /** {@code key: old -> new} for each changed key, secrets shown as {@code (changed)}. */
    static String describe(Map<String, String> before, Map<String, String> after) {
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        StringBuilder out = new StringBuilder();
        for (String key : keys) {
            String old = before.get(key);
            String now = after.get(key);
            if (Objects.equals(old, now)) continue;
            if (out.length() > 0) out.append("; ");
            out.append(key).append(": ");
            if (secret(key)) out.append("(changed)");
            else out.append(old == null ? "(unset)" : old).append(" -> ").append(now == null ? "(unset)" : now);
        }
        return out.length() == 0 ? "no value changed" : out.toString();
    }

    private static boolean secret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("key") && !k.contains("keystore");
    }
}
