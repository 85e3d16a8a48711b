package switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The {@code vpn:} commands of the assembled runtime in a dry run: the key made at first start, a device added
 * from the shell (written to {@code etc/}, its client configuration printed), and the firewall opening the
 * WireGuard port only while the VPN is enabled.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VpnShellIT extends RuntimeTest {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/]{43}=");

    @Inject
    private CommandProcessor shell;

    @Test
    public void theKeyIsMadeOnceAndOnlyItsPublicHalfIsShown() throws IOException {
        home().writeConfig("switchboard.vpn", "");
        Await.until("vpn:show", () -> whenReady("vpn:show").contains("public key"));
        Path key = home().root().resolve("data/vpn/private.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String show = shell("vpn:show");
        Matcher publicKey = Pattern.compile("public key\\s+(" + KEY + ")").matcher(show);
        assertTrue(show, publicKey.find());
        assertFalse("the private key is never printed", show.contains(Files.readString(key).strip()));
        assertTrue(show, show.contains("disabled"));
    }

    @Test
    public void aDeviceAddedFromTheShellIsWrittenToEtcAndListed() {
        home().writeConfig("switchboard.vpn", "address = 10.77.0.1/24\n");
        Await.until("the tunnel address", () -> whenReady("vpn:show").contains("10.77.0.1/24"));

        String config = shell("vpn:add-device anna-laptop");

        assertTrue(config, Pattern.compile("(?s)\\[Interface]\nPrivateKey = " + KEY + "\nAddress = 10\\.77\\.0\\.2/32\n.*\\[Peer]\nPublicKey = "
                + KEY + "\nEndpoint = \\S+:51820\nAllowedIPs = 10\\.77\\.0\\.0/24, 192\\.168\\.2\\.0/24\n").matcher(config).find());
        Path file = home().etc().resolve("switchboard.vpn.peer-anna-laptop.cfg");
        assertTrue(read(file).contains("allowed.ips = 10.77.0.2/32"));
        Await.until("the device in vpn:peers", () -> shell("vpn:peers").contains("anna-laptop"));
        assertTrue(shell("vpn:add-device anna-laptop").startsWith("Not added: a peer named anna-laptop exists already"));
        assertTrue(shell("vpn:add-device").startsWith("usage: vpn:add-device NAME"));
        assertTrue(shell("vpn:add-device 'bad name'").startsWith("Not added:"));
        assertTrue("the next free address", shell("vpn:add-device bob").contains("Address = 10.77.0.3/32"));
    }

    @Test
    public void theFirewallOpensTheWireGuardPortOnlyWhileTheVpnIsEnabled() {
        home().writeConfig("switchboard.vpn", "enabled = true\nport = 51999\n");
        Await.until("the VPN port in the ruleset", () -> whenReady("fw:show").contains("udp dport 51999 counter accept comment \"VPN\""));
        assertTrue(shell("fw:show").contains("iifname \"wg0\" counter accept comment \"VPN tunnel\""));

        home().writeConfig("switchboard.vpn", "enabled = false\nport = 51999\n");
        Await.until("the VPN port closed", () -> !shell("fw:show").contains("51999"));
    }

    @Test
    public void aPeerWithAWrongKeyIsRefusedAndShownAsAProblem() {
        home().writeConfig("switchboard.vpn", "");
        home().writeConfig("switchboard.vpn.peer-broken", "name = broken\nkind = site\npublic.key = nonsense\nallowed.ips = 192.168.9.0/24\n");
        Await.until("the refused peer in sb:status", () -> whenReady("sb:status").contains("not a WireGuard key"));
        assertFalse(whenReady("vpn:peers").contains("broken"));
    }

    @Test
    public void theAuditWarnsOfASiteWithoutKeepaliveWhileThisBoxHasNoPublicAddress() {
        home().writeConfig("switchboard.vpn", "enabled = true\nport = 51888\n");
        home().writeConfig("switchboard.vpn.peer-branch", "name = branch\nkind = site\npublic.key = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\n"
                + "allowed.ips = 192.168.3.0/24\nkeepalive = 0\n");
        Await.until("the audit warning in sb:status", () -> whenReady("sb:status").contains("site branch has no keepalive"));
        home().writeConfig("switchboard.vpn.peer-branch", "name = branch\nkind = site\npublic.key = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\n"
                + "allowed.ips = 192.168.3.0/24\nkeepalive = 25\n");
        Await.until("the warning gone", () -> !whenReady("sb:status").contains("site branch has no keepalive"));
        home().writeConfig("switchboard.vpn", "enabled = false\nport = 51888\n");
    }

    private String shell(String command) {
        return GogoShell.run(shell, command);
    }

    /** The command's output, empty while its component is not up yet (it waits for its configuration). */
    private String whenReady(String command) {
        try {
            return shell(command);
        } catch (AssertionError e) {
            return "";
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
