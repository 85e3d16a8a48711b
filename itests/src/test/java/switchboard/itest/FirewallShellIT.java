package switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import switchboard.api.firewall.BanList;
import switchboard.api.network.Cidr;

/**
 * The {@code fw:} commands of the assembled runtime, in a dry run (the firewall renders, nothing reaches the
 * kernel): changes go to {@code etc/} and into the rendered ruleset, and the console port is refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FirewallShellIT extends RuntimeTest {

    @Inject
    private CommandProcessor shell;

    @Inject
    private BanList bans;

    @Test
    public void anExposureFromTheShellIsWrittenToEtcRenderedAndKeptOnceConfirmed() {
        Await.until("the first ruleset", () -> shell("fw:show").contains("table inet switchboard {"));

        String answer = shell("fw:expose smtp 25/tcp");

        assertTrue(answer, answer.contains("Confirm within 60 s"));
        Await.until("the exposure in the ruleset", () -> shell("fw:show").contains("tcp dport 25 counter accept comment \"expose smtp\""));
        Path file = home().etc().resolve("switchboard.firewall.expose-smtp.cfg");
        Await.until("FileInstall to save the configuration", () -> read(file).contains("25/tcp"));
        assertTrue(shell("fw:ports"), shell("fw:ports").contains("exposed as smtp"));
        assertTrue(shell("fw:status").contains("Unconfirmed changes"));
        assertEquals("Changes confirmed.", shell("fw:confirm").strip());
        assertEquals("Nothing to confirm.", shell("fw:confirm").strip());
        assertTrue(shell("fw:show").contains("expose smtp"));
    }

    @Test
    public void theConsolePortIsRefusedWithAPointerToTheVpn() {
        String answer = shell("fw:expose admin 8080");
        assertTrue(answer, answer.startsWith("Refused:") && answer.contains("VPN"));
        String forward = shell("fw:forward admin 8080/tcp 192.168.2.20:80");
        assertTrue(forward, forward.startsWith("Refused:") && forward.contains("VPN"));
        assertTrue(shell("fw:ports").matches("(?s).*web console\\s+8080/tcp\\s+.*never \\(LAN only\\).*"));
    }

    @Test
    public void aForwardToADeviceOutsideTheLanIsLeftOutAndShownAsAProblem() {
        home().writeConfig("switchboard.firewall.forward-outside", "ports = 8443/tcp\nto = 10.99.0.5:443\n");

        Await.until("the refused forward in sb:status", () -> shell("sb:status").contains("10.99.0.5 is not in the LAN"));
        assertTrue(shell("fw:status").contains("Forwarded: none"));
        assertFalse(shell("fw:show").contains("10.99.0.5"));
    }

    @Test
    public void bansThroughTheApiAreListedAndLifted() {
        bans.ban(Cidr.parseIpv4("198.19.0.7"), Duration.ofMinutes(5), "too many SIP logins");
        assertTrue(shell("fw:bans").contains("198.19.0.7 until "));
        assertTrue(shell("fw:bans").contains("too many SIP logins"));
        bans.lift(Cidr.parseIpv4("198.19.0.7"));
        assertEquals("No bans.", shell("fw:bans").strip());
    }

    private String shell(String command) {
        return GogoShell.run(shell, command);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
