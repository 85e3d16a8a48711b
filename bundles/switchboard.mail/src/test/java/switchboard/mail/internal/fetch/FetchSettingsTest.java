package switchboard.mail.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import switchboard.api.config.InvalidConfigurationException;

class FetchSettingsTest {
    private static Map<String, Object> valid() {
        Map<String, Object> p = new HashMap<>();
        p.put("user", "anna");
        p.put("server", "pop.isp.example");
        p.put("login", "anna.a");
        p.put("password", "s3cret pass");
        return p;
    }

    @Test
    void defaultsAreSafe() throws Exception {
        FetchSettings s = FetchSettings.parse(valid());
        assertEquals(TlsMode.STARTTLS, s.tls());
        assertEquals(110, s.port());
        assertFalse(s.keepOnServer());
        assertFalse(s.catchAll());
        assertEquals("anna.a@pop.isp.example:110", s.mailbox());
    }

    @Test
    void implicitTlsDefaultsTo995AndAdminIsTheCatchAll() throws Exception {
        Map<String, Object> p = valid();
        p.put("tls", "Implicit");
        p.put("user", "admin");
        FetchSettings s = FetchSettings.parse(p);
        assertEquals(995, s.port());
        assertTrue(s.catchAll());
    }

    @Test
    void thePasswordIsNeverInTheTextForm() throws Exception {
        assertFalse(FetchSettings.parse(valid()).toString().contains("s3cret"));
    }

    @Test
    void aPasswordOnTwoLinesIsRefused() {
        Map<String, Object> p = valid();
        p.put("password", "line\r\nUSER evil");
        assertThrows(InvalidConfigurationException.class, () -> FetchSettings.parse(p));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"user|Anna Smith", "user|", "server|", "server|bad host", "server|-x", "tls|ssl", "port|0",
            "port|70000", "login|", "login|two words", "password|", "interval|1", "interval|soon", "timeout|0",
            "keep|maybe", "tls.certificate|../secret.pem", "tls.certificate|.hidden"})
    void badValuesAreRefusedNamingTheKey(String key, String value) {
        Map<String, Object> p = valid();
        p.put(key, value == null ? "" : value);
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> FetchSettings.parse(p));
        assertEquals(key, e.key(), e.getMessage());
    }
}
