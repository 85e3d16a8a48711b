package switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProfileDefaultsTest {
    private static final String TEMPLATE = """
            # written for @PROFILE@
            #port = 1053
            @default@apply = false
            @appliance@apply = true
            @appliance@port = 53
            """;

    @Test
    void theDefaultProfileKeepsItsOwnLinesAndDropsTheAppliances() {
        assertEquals("# written for default\n#port = 1053\napply = false\n", ProfileDefaults.render(TEMPLATE, "default"));
    }

    @Test
    void theApplianceProfileKeepsItsOwnLinesWithoutTheMarker() {
        assertEquals("# written for appliance\n#port = 1053\napply = true\nport = 53\n", ProfileDefaults.render(TEMPLATE, "appliance"));
    }

    @Test
    void aMarkerInsideALineIsNotAProfileLine() {
        assertEquals("# see @appliance@ lines\n", ProfileDefaults.render("# see @appliance@ lines", "default"));
    }
}
