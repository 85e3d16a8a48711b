package switchboard.api.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The configuration keys of {@link NetworkMode} and {@link WanMode}. */
@Timeout(5)
class ModeKeysTest {

    @ParameterizedTest
    @EnumSource(NetworkMode.class)
    void networkModeKeyRoundTrips(NetworkMode mode) {
        assertEquals(mode, NetworkMode.fromKey(mode.key()));
    }

    @Test
    void networkModeKeysAreTheDocumentedOnes() {
        assertEquals(NetworkMode.LAN_ONLY, NetworkMode.fromKey("lan-only"));
        assertEquals(NetworkMode.ROUTER, NetworkMode.fromKey("router"));
        assertEquals(NetworkMode.NAT, NetworkMode.fromKey("nat"));
        assertEquals(NetworkMode.NAT_DMZ, NetworkMode.fromKey("nat-dmz"));
    }

    @Test
    void onlyLanOnlyDoesNotRoute() {
        for (NetworkMode mode : NetworkMode.values())
            assertEquals(mode != NetworkMode.LAN_ONLY, mode.routes(), mode.key());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"NAT", "nat_dmz", "bridge", " nat", "LAN_ONLY"})
    void unknownNetworkModeListsTheValidOnes(String key) {
        String message = assertThrows(IllegalArgumentException.class, () -> NetworkMode.fromKey(key)).getMessage();
        for (NetworkMode mode : NetworkMode.values()) assertTrue(message.contains(mode.key()), message);
    }

    @ParameterizedTest
    @EnumSource(WanMode.class)
    void wanModeKeyRoundTrips(WanMode mode) {
        assertEquals(mode, WanMode.fromKey(mode.key()));
        assertFalse(mode.key().isEmpty());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"STATIC", "pppoe", "dhcp "})
    void unknownWanModeListsTheValidOnes(String key) {
        String message = assertThrows(IllegalArgumentException.class, () -> WanMode.fromKey(key)).getMessage();
        assertTrue(message.contains("static") && message.contains("dhcp"), message);
    }
}
