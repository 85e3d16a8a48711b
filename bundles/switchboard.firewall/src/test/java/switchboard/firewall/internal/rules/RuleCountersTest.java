package switchboard.firewall.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleCountersTest {

    @Test
    void readsTheCountersOfCommentedRules() {
        String listing = """
                table inet switchboard {
                	chain input {
                		ip saddr @banned counter packets 3 bytes 180 drop comment "banned"
                		tcp dport 25 counter packets 12 bytes 720 accept comment "expose smtp"
                		iifname "lo" accept
                		counter packets 7 bytes 420 drop comment "stealth"
                	}
                }
                """;
        Map<String, RuleCounters.Count> counts = RuleCounters.parse(listing);
        assertEquals(Map.of("banned", new RuleCounters.Count(3, 180), "expose smtp", new RuleCounters.Count(12, 720),
                "stealth", new RuleCounters.Count(7, 420)), counts);
    }

    @Test
    void skipsMalformedLines() {
        assertTrue(RuleCounters.parse("").isEmpty());
        assertTrue(RuleCounters.parse("counter packets x bytes 1 drop comment \"a\"").isEmpty());
        assertTrue(RuleCounters.parse("counter packets 99999999999999999999 bytes 1 drop comment \"a\"").isEmpty());
        assertTrue(RuleCounters.parse("counter packets 1 bytes 1 drop comment \"unterminated").isEmpty());
        assertEquals(new RuleCounters.Count(2, 2), RuleCounters.parse(
                "counter packets 1 bytes 1 drop comment \"a\"\ncounter packets 1 bytes 1 drop comment \"a\"").get("a"));
    }
}
