package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.systemtests.ConsoleHttp.STATUS_PAGE;
import static switchboard.systemtests.RunningSwitchboard.ADMIN;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SIGTERM ends Switchboard in an orderly way, and the next start on the same home carries on from its state. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShutdownAndRestartTest {
    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(10);
    /** 128 + SIGTERM when the JVM ends by the signal; 0 when the launcher exits on its own. */
    private static final Set<Integer> CLEAN_EXITS = Set.of(143, 0);

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void sigtermStopsWithinTenSecondsAndARestartKeepsAccountsAndPrintsNoNewPassword() throws IOException {
        SwitchboardHome home = switchboards.newHome();
        RunningSwitchboard first = switchboards.start(home);
        String password = first.initialAdminPassword();
        byte[] accounts = Files.readAllBytes(home.accountFile());
        int logLinesBeforeStop = home.logLines().size();

        first.process().terminate();
        int exit = first.process().awaitExit(SHUTDOWN_LIMIT);

        assertTrue(CLEAN_EXITS.contains(exit), "exit status after SIGTERM: " + exit);
        String shutdownLog = String.join("\n", home.logLines().subList(logLinesBeforeStop, home.logLines().size()));
        assertTrue(shutdownLog.contains("org.apache.felix.http - Stopped Jetty"),
                "the bundles were stopped, the HTTP server last among them:\n" + shutdownLog);
        assertArrayEquals(accounts, Files.readAllBytes(home.accountFile()), "the account file is unchanged");

        RunningSwitchboard second = switchboards.start(home);

        assertTrue(second.printedAdminPassword().isEmpty(), "a restart prints no new password:\n" + second.process().stdout());
        assertEquals(password, second.initialAdminPassword());
        assertEquals(200, second.http().get(STATUS_PAGE, ADMIN, password).statusCode(), "the first start's password still works");
    }
}
