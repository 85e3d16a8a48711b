package switchboard.api.config;

import java.time.Instant;

/** A configuration refused by its component, which keeps running on its last good configuration. */
public record ConfigProblem(String pid, String key, String reason, Instant at) {
    @Override
    public String toString() {
        return pid + ": " + (key == null || key.isEmpty() ? "" : "key " + key + ": ") + reason;
    }
}
