package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A start that cannot work ends at once, with the documented exit status and a message naming what to change. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StartupRefusalTest {
    private static final int EXIT_PORT_BUSY = 75;
    private static final int EXIT_HOME_UNUSABLE = 73;
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(30);

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void consolePortTakenByAnotherProgramEndsStartUpNamingPortAndPid() throws IOException {
        SwitchboardHome home = switchboards.newHome();
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), home.consolePort()));
            SwitchboardProcess process = switchboards.launch(home.root());

            assertEquals(EXIT_PORT_BUSY, process.awaitExit(EXIT_LIMIT), process.stderr());
            String stderr = process.stderr();
            assertTrue(stderr.contains(String.valueOf(home.consolePort())), "names the port: " + stderr);
            assertTrue(stderr.contains(SwitchboardHome.HTTP_PID), "names the PID to change: " + stderr);
        }
    }

    @Test
    void homeThatCannotBeCreatedEndsStartUpNamingTheHome() throws IOException {
        // below a regular file no directory can be made, whatever the user's rights (root included)
        Path file = Files.writeString(switchboards.testDirectory().resolve("a-regular-file"), "not a directory\n");
        Path home = file.resolve("home");
        SwitchboardProcess process = switchboards.launch(home);

        assertEquals(EXIT_HOME_UNUSABLE, process.awaitExit(EXIT_LIMIT), process.stderr());
        assertTrue(process.stderr().contains(home.toString()), "names the home: " + process.stderr());
        assertTrue(Files.isRegularFile(file), "the file in the way is left alone");
    }
}
