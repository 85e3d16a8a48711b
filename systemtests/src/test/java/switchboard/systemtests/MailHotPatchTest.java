package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mail bundle is replaced in {@code deploy/} while smtp-source sends a bounded load: no connection
 * is refused or broken, and every accepted message is in the Maildir exactly once.
 */
@Timeout(240)
class MailHotPatchTest {
    // enough that the load outlasts File Install's 1 s poll on a fast machine, so the update lands mid-load
    private static final int MESSAGES = 3000;
    /** Inbound SMTP and submission. */
    private static final int SERVERS_PER_VERSION = 2;

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void updatingTheMailBundleUnderLoadLosesNoMessage() throws Exception {
        MailHome mail = new MailHome(switchboards.newHome(), "127.0.0.1", "");
        switchboards.start(mail.home);
        MailPorts.awaitOpen("127.0.0.1", mail.smtp);
        Path log = switchboards.testDirectory().resolve("smtp-source.log");
        int deliveredAtUpdate;
        Process load = new ProcessBuilder(List.of("timeout", "120", "smtp-source", "-s", "5", "-m", String.valueOf(MESSAGES), "-l", "2048",
                "-f", "sender@load.example", "-t", "anna@office.lan", "127.0.0.1:" + mail.smtp))
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(new File("/dev/null")).start();
        try {
            Poll.until(Duration.ofSeconds(60), "a sixth of the load delivered", () -> mail.messages("anna").size() >= MESSAGES / 6);
            SwitchboardHome.redeploy(mail.home.root(), "switchboard.mail");
            Poll.until(Duration.ofSeconds(30), "the updated bundle's servers starting", () -> serverStarts(mail) >= 2 * SERVERS_PER_VERSION);
            deliveredAtUpdate = mail.messages("anna").size();
            assertTrue(load.waitFor(120, TimeUnit.SECONDS), "smtp-source finished");
        } finally {
            load.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, load.exitValue(), output);
        assertTrue(output.isBlank(), "smtp-source reports no refused or broken connection: " + output);
        assertTrue(deliveredAtUpdate < MESSAGES, "the update happened during the load: " + deliveredAtUpdate + " delivered by then");

        List<Path> stored = mail.messages("anna");
        assertEquals(MESSAGES, stored.size(), "every accepted message once");
        Set<String> contents = new HashSet<>();
        for (Path p : stored) contents.add(Files.readString(p, StandardCharsets.ISO_8859_1));
        assertEquals(MESSAGES, contents.size(), "no message stored twice");
        assertEquals(0, mail.tmpFiles("anna"), "no half-written message");
    }

    private static long serverStarts(MailHome mail) {
        return mail.home.logLines().stream().filter(l -> l.contains("SMTP server") && l.endsWith(" started")).count();
    }
}
