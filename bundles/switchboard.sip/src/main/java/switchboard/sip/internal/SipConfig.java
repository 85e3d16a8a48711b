package switchboard.sip.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import switchboard.sip.internal.digest.DigestResponse;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;

/** The validated configuration of PID {@code switchboard.sip}; see {@link SipRegistrar.Config} for the keys. */
record SipConfig(String address, int port, String realm, int minExpires, int maxExpires, int defaultExpires,
        int nonceSeconds, int keepaliveSeconds, int unreachableGraceSeconds, int failuresPerMinute, int floodPerSecond, int floodBlockSeconds,
        int journalSyncMillis, List<String> algorithms) {

    static SipConfig parse(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        int min = v.integer("min.expires", 60, 1, 86_400);
        int max = v.integer("max.expires", 3600, 1, 7 * 86_400);
        if (max < min) throw new InvalidConfigurationException("max.expires", max + " is below min.expires " + min);
        int defaultExpires = v.integer("default.expires", 3600, 1, 7 * 86_400);
        List<String> algorithms = v.list("digest.algorithms");
        if (algorithms.isEmpty()) algorithms = List.of("SHA-256", "MD5");
        for (String a : algorithms)
            if (!DigestResponse.supported(a)) throw new InvalidConfigurationException("digest.algorithms", "'" + a + "' is not MD5 or SHA-256");
        return new SipConfig(v.string("address", "127.0.0.1"), v.port("port", 5060), v.string("realm", ""),
                min, max, Math.max(min, Math.min(max, defaultExpires)),
                v.integer("nonce.seconds", 60, 5, 3600), v.integer("keepalive.seconds", 30, 0, 3600),
                v.integer("unreachable.grace.seconds", 120, 10, 86_400), v.integer("failures.per.minute", 10, 1, 10_000),
                v.integer("flood.requests.per.second", 30, 0, 100_000), v.integer("flood.block.seconds", 60, 1, 86_400),
                v.integer("journal.sync.millis", 100, 0, 10_000),
                algorithms.stream().map(a -> a.toUpperCase(Locale.ROOT)).toList());
    }
}
