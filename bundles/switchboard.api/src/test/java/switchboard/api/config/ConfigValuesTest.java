package switchboard.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import switchboard.api.network.Cidr;

@Timeout(5)
class ConfigValuesTest {

    private static ConfigValues values(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return new ConfigValues(map);
    }

    private static InvalidConfigurationException assertRefused(String key, Executable read) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, read);
        assertEquals(key, e.key());
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "the reason is given");
        return e;
    }

    @Test
    void stringIsTrimmedAndFallsBackWhenMissingOrBlank() {
        ConfigValues v = values("name", "  dns  ", "blank", "   ");
        assertEquals("dns", v.string("name", "x"));
        assertEquals("fallback", v.string("blank", "fallback"));
        assertEquals("fallback", v.string("missing", "fallback"));
    }

    @Test
    void nullPropertiesActLikeAnEmptyConfiguration() throws Exception {
        ConfigValues v = new ConfigValues(null);
        assertEquals("x", v.string("k", "x"));
        assertEquals(7, v.integer("k", 7, 0, 10));
        assertTrue(v.bool("k", true));
        assertTrue(v.list("k").isEmpty());
    }

    @Test
    void integerAcceptsStringsAndTypedNumbers() throws Exception {
        ConfigValues v = values("text", " 42 ", "int", 43, "long", 44L, "short", (short) 45);
        assertEquals(42, v.integer("text", 0, 0, 100));
        assertEquals(43, v.integer("int", 0, 0, 100));
        assertEquals(44, v.integer("long", 0, 0, 100));
        assertEquals(45, v.integer("short", 0, 0, 100));
        assertEquals(9, v.integer("missing", 9, 0, 100));
        assertEquals(9, values("blank", " ").integer("blank", 9, 0, 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "4.5", "1e3", "0x10", "12abc", "99999999999999999999"})
    void integerRefusesWhatIsNotAWholeNumber(String text) {
        InvalidConfigurationException e = assertRefused("size", () -> values("size", text).integer("size", 0, 0, 100));
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void integerRefusesValuesOutOfRangeAndNamesTheRange() {
        InvalidConfigurationException high = assertRefused("n", () -> values("n", "101").integer("n", 0, 1, 100));
        assertTrue(high.getMessage().contains("1..100"), high.getMessage());
        assertRefused("n", () -> values("n", 0).integer("n", 5, 1, 100));
        assertRefused("n", () -> values("n", 5_000_000_000L).integer("n", 5, 1, Integer.MAX_VALUE));
    }

    @Test
    void integerAcceptsTheBoundsThemselves() throws Exception {
        assertEquals(1, values("n", "1").integer("n", 5, 1, 100));
        assertEquals(100, values("n", 100).integer("n", 5, 1, 100));
    }

    @Test
    void portIsBetween1And65535() throws Exception {
        assertEquals(65535, values("p", "65535").port("p", 80));
        assertEquals(80, values().port("p", 80));
        assertRefused("p", () -> values("p", "0").port("p", 80));
        assertRefused("p", () -> values("p", 65536).port("p", 80));
    }

    @Test
    void boolAcceptsBooleansAndTheWordsTrueAndFalse() throws Exception {
        ConfigValues v = values("typed", Boolean.TRUE, "text", " FALSE ", "lower", "true", "blank", "");
        assertTrue(v.bool("typed", false));
        assertFalse(v.bool("text", true));
        assertTrue(v.bool("lower", false));
        assertTrue(v.bool("blank", true));
        assertFalse(v.bool("missing", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", "tru"})
    void boolRefusesOtherWords(String text) {
        InvalidConfigurationException e = assertRefused("apply", () -> values("apply", text).bool("apply", false));
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void parsedUsesTheParserAndFallback() throws Exception {
        assertEquals(Cidr.parse("10.0.0.1/8"), values("lan", "10.0.0.1/8").parsed("lan", "192.168.2.254/24", Cidr::parse));
        assertEquals(Cidr.parse("192.168.2.254/24"), values().parsed("lan", "192.168.2.254/24", Cidr::parse));
    }

    @Test
    void parsedTurnsTheParsersMessageIntoTheReason() {
        InvalidConfigurationException e = assertRefused("lan", () -> values("lan", "10.0.0.1").parsed("lan", "", Cidr::parse));
        String parserMessage = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1")).getMessage();
        assertEquals(parserMessage, e.getMessage());
    }

    @Test
    void listFromAStringArrayDropsBlanksAndTrims() {
        assertEquals(List.of("9.9.9.9", "1.1.1.1"), values("dns", new String[] {" 9.9.9.9", "", "1.1.1.1 "}).list("dns"));
    }

    @Test
    void listFromACollectionKeepsItsOrder() {
        assertEquals(List.of("a", "b", "c"), values("k", List.of("a", " b", "c")).list("k"));
        assertEquals(List.of("only"), values("k", Set.of("only")).list("k"));
    }

    @Test
    void listFromACommaSeparatedString() {
        assertEquals(List.of("a", "b", "c"), values("k", "a, b,,c ,").list("k"));
        assertEquals(List.of("single"), values("k", "single").list("k"));
    }

    @Test
    void listOfAMissingOrBlankKeyIsEmpty() {
        assertTrue(values().list("k").isEmpty());
        assertTrue(values("k", " , ").list("k").isEmpty());
        assertTrue(values("k", new String[0]).list("k").isEmpty());
    }

    @Test
    void listOfATypedValueUsesItsText() {
        assertEquals(List.of("5060"), values("k", 5060).list("k"));
    }
}
