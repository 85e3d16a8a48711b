package switchboard.mail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import switchboard.api.config.InvalidConfigurationException;

class MailSettingsTest {
    @Test
    void defaultsAreLoopbackHighPortsAndNoWanRelay() throws InvalidConfigurationException {
        MailSettings s = MailSettings.parse(Map.of());
        assertEquals("127.0.0.1", s.address());
        assertEquals(2525, s.smtpPort());
        assertFalse(s.relayFromWan());
    }

    @Test
    void valuesFromACfgFileAreStrings() throws InvalidConfigurationException {
        MailSettings s = MailSettings.parse(Map.of("address", "0.0.0.0", "smtp.port", "25", "submission.port", "0", "relay.wan", "true"));
        assertEquals(25, s.smtpPort());
        assertEquals(0, s.submissionPort());
        assertTrue(s.relayFromWan());
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertEquals("address", assertThrows(InvalidConfigurationException.class, () -> MailSettings.parse(Map.of("address", "mail.example"))).key());
        assertEquals("smtp.port", assertThrows(InvalidConfigurationException.class, () -> MailSettings.parse(Map.of("smtp.port", "0"))).key());
        assertEquals("relay.wan", assertThrows(InvalidConfigurationException.class, () -> MailSettings.parse(Map.of("relay.wan", "yes"))).key());
        assertEquals("max.size", assertThrows(InvalidConfigurationException.class, () -> MailSettings.parse(Map.of("max.size", "ten"))).key());
    }
}
