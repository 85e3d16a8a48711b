package switchboard.audit.internal.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {
    @Test
    void namesChangedKeysWithOldAndNewValuesButHidesSecrets() {
        Hashtable<String, Object> before = new Hashtable<>(Map.of("mode", "nat-dmz", "tls.password", "old", "service.pid", "switchboard.network"));
        Hashtable<String, Object> after = new Hashtable<>(Map.of("mode", "nat", "tls.password", "new", "presets", new String[] {"phone"},
                "felix.fileinstall.filename", "file:/home/etc/switchboard.network.cfg"));

        assertEquals("mode: nat-dmz -> nat; presets: (unset) -> phone; tls.password: (changed)",
                ConfigChanges.describe(ConfigChanges.values(before), ConfigChanges.values(after)));
    }

    @Test
    void anUnchangedSaveSaysSo() {
        Map<String, String> same = Map.of("mode", "nat");
        assertEquals("no value changed", ConfigChanges.describe(same, same));
    }
}
