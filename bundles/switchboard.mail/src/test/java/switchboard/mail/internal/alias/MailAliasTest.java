package switchboard.mail.internal.alias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import switchboard.api.config.InvalidConfigurationException;

class MailAliasTest {
    @Test
    void membersSeparatedBySpacesOrCommas() throws InvalidConfigurationException {
        MailAlias.Definition d = MailAlias.parse(Map.of("name", "Sales", "members", "anna, bob  anna@isp.example"));
        assertEquals(new MailAlias.Definition("sales", List.of("anna", "bob", "anna@isp.example")), d);
    }

    @Test
    void malformedDefinitionsNameTheKey() {
        assertEquals("name", assertThrows(InvalidConfigurationException.class,
                () -> MailAlias.parse(Map.of("name", "../x", "members", "anna"))).key());
        assertEquals("members", assertThrows(InvalidConfigurationException.class,
                () -> MailAlias.parse(Map.of("name", "x", "members", " "))).key());
        assertEquals("members", assertThrows(InvalidConfigurationException.class,
                () -> MailAlias.parse(Map.of("name", "x", "members", "anna <evil>"))).key());
    }
}
