package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.systemtests.RunningSwitchboard.ADMIN;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import switchboard.systemtests.Sipp.Run;

/**
 * One throttle per source address across protocols: wrong passwords over SMTP AUTH (swaks) and SIP digest (SIPp)
 * from one address add up, and then even the right password is refused on both, while the audit log names every
 * attempt. A successful login also upgrades a password hash made with less work.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class LoginThrottleTest {
    private static final String SIP_PASSWORD = "violet-harbour-42";

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void wrongPasswordsOverSmtpAndSipShareOneThrottle() throws InterruptedException {
        SwitchboardHome home = switchboards.newHome();
        MailHome mail = new MailHome(home, "127.0.0.1", "");
        home.configureSip("digest.algorithms = MD5, SHA-256\n");
        RunningSwitchboard switchboard = switchboards.start(home);
        Poll.until(Duration.ofSeconds(20), "the Phones page", () -> switchboard.http().get(PhonesPage.PATH, ADMIN, switchboard.initialAdminPassword()).statusCode() == 200);
        new PhonesPage(switchboard).addExtension("alice", "201", SIP_PASSWORD);
        Sipp sipp = new Sipp(switchboards.testDirectory(), home.sipPort());
        int phone = FreePort.pickUdp();

        assertEquals(0, smtpAuth(mail, "bob", MailHome.PASSWORD).exitCode(), "bob's right password");
        assertTrue(TextFile.read(home.accountFile()).lines().anyMatch(l -> l.startsWith("bob;") && l.contains("pbkdf2-sha256$310000$")),
                "bob's hash of 1000 iterations was redone with today's cost at his login");

        // five quick failures from 127.0.0.1 lock it for 1 s; each further failure past the lock doubles it: 2 s, then 4 s
        for (int i = 0; i < 3; i++) assertNotEquals(0, smtpAuth(mail, "anna", "wrong-guess-" + i).exitCode());
        for (int i = 0; i < 2; i++) sipp(sipp, "alice", "wrong-guess-sip-" + i, 403, phone);
        TimeUnit.MILLISECONDS.sleep(1_200);
        sipp(sipp, "alice", "wrong-guess-sip-2", 403, phone);
        TimeUnit.MILLISECONDS.sleep(2_200);
        assertNotEquals(0, smtpAuth(mail, "anna", "wrong-guess-3").exitCode());

        sipp(sipp, "alice", SIP_PASSWORD, 403, phone);
        ClientCommand anna = smtpAuth(mail, "anna", MailHome.PASSWORD);
        assertNotEquals(0, anna.exitCode(), "the right SMTP password is refused while the address is throttled:\n" + anna.output());

        List<String> log = TextFile.read(home.root().resolve("log/audit.log")).lines().toList();
        assertTrue(log.stream().filter(l -> l.endsWith("\tanna\t127.0.0.1\tlogin failed")).count() >= 4, String.join("\n", log));
        assertTrue(log.stream().filter(l -> l.endsWith("\talice\t127.0.0.1\tlogin failed")).count() >= 3, String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.endsWith("\talice\t127.0.0.1\tlogin refused: too many failures from this address")),
                String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.endsWith("\tanna\t127.0.0.1\tlogin refused: too many failures from this address")),
                String.join("\n", log));
    }

    private static ClientCommand smtpAuth(MailHome mail, String user, String password) {
        return ClientCommand.run(new ArrayList<>(List.of("swaks", "--server", "127.0.0.1:" + mail.smtps, "--tlsc", "--helo", "client.example",
                "--timeout", "20", "--quit-after", "AUTH", "--auth", "PLAIN", "--auth-user", user, "--auth-password", password)));
    }

    private static void sipp(Sipp sipp, String user, String password, int expected, int port) {
        Sipp.Result result = sipp.run(Run.once(user, password, Sipp.contact(user, port), 600, expected), port);
        assertEquals(0, result.exit(), "sipp as " + user + " expecting " + expected + ":\n" + result.output());
    }
}
