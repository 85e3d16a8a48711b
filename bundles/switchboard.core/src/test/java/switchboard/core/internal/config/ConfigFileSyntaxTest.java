package switchboard.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import switchboard.api.config.InvalidConfigurationException;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConfigFileSyntaxTest {

    @Test
    void plainAndTypedValuesParse() {
        assertDoesNotThrow(() -> ConfigFileSyntax.check("a.cfg", "# comment\nname = value\nport = I\"8080\"\nlist = [\"a\",\"b\"]\n"));
        assertDoesNotThrow(() -> ConfigFileSyntax.check("a.config", "port=I\"8080\"\nname=\"x\"\n"));
    }

    @Test
    void aBrokenUnicodeEscapeMakesTheCfgFileUnparsable() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ConfigFileSyntax.check("switchboard.network.cfg", "domain = \\u12\n"));
        assertEquals("", e.key());
        assertTrue(e.getMessage().startsWith(EtcFileChecker.MARKER + " switchboard.network.cfg"), e.getMessage());
    }

    @Test
    void aMalformedTypedValueNamesItsKey() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ConfigFileSyntax.check("a.cfg", "ok = 1\nport = I\"80\n"));
        assertEquals("port", e.key());
    }

    @Test
    void aMalformedConfigFileIsRefused() {
        assertThrows(InvalidConfigurationException.class, () -> ConfigFileSyntax.check("a.config", "port=I\"80\n"));
        assertThrows(InvalidConfigurationException.class, () -> ConfigFileSyntax.check("a.config", "port=I\"abc\"\n"));
    }
}
