package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.systemtests.ConsoleHttp.STATUS_PAGE;
import static switchboard.systemtests.RunningSwitchboard.ADMIN;
import static switchboard.systemtests.SwitchboardHome.NETWORK_PID;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Editing a file in etc/ reconfigures the running server; a bad value is refused, shown and logged, never applied. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LiveConfigurationTest {
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(10);
    private static final String KEY = "lan.address";
    private static final String BAD_ADDRESS = "10.0.0.300/24";

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void invalidLanAddressIsRefusedShownAndLoggedOnceAndACorrectedFileClearsIt() {
        RunningSwitchboard switchboard = switchboards.start(switchboards.newHome());
        SwitchboardHome home = switchboard.home();
        String password = switchboard.initialAdminPassword();

        home.writeConfig(NETWORK_PID, KEY + " = " + BAD_ADDRESS + "\n");

        String problem = Poll.until(APPLIED_WITHIN, "a configuration problem for " + NETWORK_PID + " on the status page",
                () -> problemRows(switchboard, password).stream().filter(row -> row.contains(NETWORK_PID)).findFirst());
        assertTrue(problem.contains("<td>" + KEY + "</td>"), "names the key: " + problem);
        assertTrue(problem.contains("10.0.0.300"), "the reason quotes the refused value: " + problem);
        List<String> logged = home.logLines().stream().filter(line -> line.contains(NETWORK_PID) && line.contains(KEY)).toList();
        assertEquals(1, logged.size(), "one log line names PID and key: " + logged);
        assertTrue(logged.get(0).contains("10.0.0.300"), "and the reason: " + logged.get(0));
        assertTrue(metrics(switchboard).contains("\nswitchboard_config_problems 1\n"), "still serving, counting one refused configuration");

        home.writeConfig(NETWORK_PID, KEY + " = 10.0.0.1/24\n");

        Poll.until(APPLIED_WITHIN, "the corrected file to clear the problem",
                () -> problemRows(switchboard, password).stream().noneMatch(row -> row.contains(NETWORK_PID)));
        assertTrue(metrics(switchboard).contains("\nswitchboard_config_problems 0\n"));
    }

    /** The rows of the status page's "Configuration problems" table, as HTML. */
    private static List<String> problemRows(RunningSwitchboard switchboard, String password) {
        HttpResponse<String> page = switchboard.http().get(STATUS_PAGE, ADMIN, password);
        assertEquals(200, page.statusCode());
        String html = page.body();
        int start = html.indexOf("id='problems'");
        assertTrue(start >= 0, "the status page has a problems table:\n" + html);
        String table = html.substring(start, html.indexOf("</table>", start));
        return table.lines().filter(line -> line.startsWith("<tr><td>")).toList();
    }

    private static String metrics(RunningSwitchboard switchboard) {
        return switchboard.http().get("/metrics").body();
    }
}
