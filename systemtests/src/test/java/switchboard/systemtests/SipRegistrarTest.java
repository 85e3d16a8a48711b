package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.systemtests.RunningSwitchboard.ADMIN;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import switchboard.systemtests.PhonesPage.Row;
import switchboard.systemtests.Sipp.Run;

/** Phones register with SIPp (digest over UDP) and their registrations outlive a kill -9 and a bundle update. */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SipRegistrarTest {
    private static final String PASSWORD = "violet-harbour-42";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    /** Starts on a fresh home whose registrar challenges with MD5 first (SIPp reads only the first challenge). */
    private RunningSwitchboard startWithAlice(SwitchboardHome home) {
        home.configureSip("min.expires = 1\ndigest.algorithms = MD5, SHA-256\n");
        RunningSwitchboard switchboard = switchboards.start(home);
        Poll.until(WAIT, "the Phones page (the registrar has its configuration)",
                () -> switchboard.http().get(PhonesPage.PATH, ADMIN, switchboard.initialAdminPassword()).statusCode() == 200);
        new PhonesPage(switchboard).addPhone("alice", "201", PASSWORD);
        return switchboard;
    }

    private static void assertRegisters(Sipp sipp, Run run, int localPort) {
        Sipp.Result result = sipp.run(run, localPort);
        assertEquals(0, result.exit(), "sipp " + run + ":\n" + result.output());
    }

    private static List<Row> rowsOf(PhonesPage phones, String aor) {
        return phones.registrations().stream().filter(r -> r.aor().equals(aor)).toList();
    }

    @Test
    void challengeExpiryUnregisterAndWildcard() {
        SwitchboardHome home = switchboards.newHome();
        PhonesPage phones = new PhonesPage(startWithAlice(home));
        Sipp sipp = new Sipp(switchboards.testDirectory(), home.sipPort());
        int deskPhone = FreePort.pickUdp();
        int softPhone = FreePort.pickUdp();

        assertTrue(phones.post(Map.of("action", "add", "kind", "phone", "user", "bob", "extension", "202", "password", "password123"))
                .startsWith("Nothing changed"), "a weak SIP secret is refused");
        assertFalse(phones.html().contains("<td>bob</td>"), "and no account was made");

        // alice was added on the page as a phone only: it registers with its SIP secret
        assertRegisters(sipp, Run.once("201", PASSWORD, Sipp.contact("201", deskPhone), 3600, 200), deskPhone);
        List<Row> extension = rowsOf(phones, "sip:201@127.0.0.1");
        assertEquals(1, extension.size(), phones.html());
        assertEquals("sip:201@127.0.0.1:" + deskPhone, extension.get(0).contact());
        assertTrue(extension.get(0).expiresIn() > 3500, extension.toString());

        assertRegisters(sipp, Run.once("alice", "wrong-password-1", Sipp.contact("alice", softPhone), 3600, 403), softPhone);
        assertRegisters(sipp, Run.once("mallory", PASSWORD, Sipp.contact("mallory", softPhone), 3600, 403), softPhone);
        assertEquals(List.of(), rowsOf(phones, "sip:alice@127.0.0.1"));

        assertRegisters(sipp, Run.once("alice", PASSWORD, Sipp.contact("alice", softPhone), 2, 200), softPhone);
        assertEquals(1, rowsOf(phones, "sip:alice@127.0.0.1").size());
        Poll.until(WAIT, "alice's 2 s registration to expire", () -> rowsOf(phones, "sip:alice@127.0.0.1").isEmpty());

        assertRegisters(sipp, Run.once("alice", PASSWORD, Sipp.contact("alice", softPhone), 600, 200), softPhone);
        assertRegisters(sipp, Run.once("alice", PASSWORD, Sipp.contact("alice", deskPhone), 600, 200), deskPhone);
        assertEquals(2, rowsOf(phones, "sip:alice@127.0.0.1").size(), "two contacts for one address");
        assertRegisters(sipp, Run.once("alice", PASSWORD, Sipp.contact("alice", softPhone), 0, 200), softPhone);
        assertEquals(List.of("sip:alice@127.0.0.1:" + deskPhone),
                rowsOf(phones, "sip:alice@127.0.0.1").stream().map(Row::contact).toList(), "Expires: 0 removed one contact");
        assertRegisters(sipp, Run.once("alice", PASSWORD, "*", 0, 200), softPhone);
        assertEquals(List.of(), rowsOf(phones, "sip:alice@127.0.0.1"), "the wildcard removed every contact");
        assertEquals(1, rowsOf(phones, "sip:201@127.0.0.1").size(), "other addresses keep theirs");
    }

    @Test
    void registrationsSurviveABundleUpdateUnderTrafficAndAKill() throws Exception {
        SwitchboardHome home = switchboards.newHome();
        RunningSwitchboard first = startWithAlice(home);
        Sipp sipp = new Sipp(switchboards.testDirectory(), home.sipPort());
        int deskPhone = FreePort.pickUdp();
        assertRegisters(sipp, Run.once("201", PASSWORD, Sipp.contact("201", deskPhone), 3600, 200), deskPhone);

        int trafficPort = FreePort.pickUdp();
        Run traffic = new Run("alice", PASSWORD, Sipp.contact("alice", trafficPort), 600, 200, 150, 30);
        CompletableFuture<Sipp.Result> during = CompletableFuture.supplyAsync(() -> sipp.run(traffic, trafficPort));
        Thread.sleep(1500);
        long startsBefore = registrarStarts(home);
        replaceWithNewCopy(home.deployedBundle("switchboard.sip"));
        Poll.until(WAIT, "the updated registrar bundle to start", () -> registrarStarts(home) > startsBefore);
        Sipp.Result result = during.get(60, TimeUnit.SECONDS);
        assertEquals(0, result.exit(), "every REGISTER sent during the update was answered with 200:\n" + result.output());
        assertEquals(1, rowsOf(new PhonesPage(first), "sip:201@127.0.0.1").size(), "the binding survived the update");

        first.process().kill();
        RunningSwitchboard second = switchboards.start(home);
        PhonesPage phones = new PhonesPage(second);
        Poll.until(WAIT, "the Phones page after the restart",
                () -> second.http().get(PhonesPage.PATH, ADMIN, second.initialAdminPassword()).statusCode() == 200);
        List<Row> after = rowsOf(phones, "sip:201@127.0.0.1");
        assertEquals(1, after.size(), "the binding survived kill -9:\n" + phones.html());
        assertEquals("sip:201@127.0.0.1:" + deskPhone, after.get(0).contact());
        assertEquals(1, rowsOf(phones, "sip:alice@127.0.0.1").size(), "the traffic's binding too");
    }

    /** How often the registrar has loaded its bindings: once per start of its bundle. */
    private static long registrarStarts(SwitchboardHome home) {
        return home.logLines().stream().filter(l -> l.contains("SIP registrar: ") && l.contains("bindings restored")).count();
    }

    /** Drops the same bundle again with a new time stamp, which the deploy watcher takes as a patch. */
    private static void replaceWithNewCopy(Path bundle) throws IOException {
        Path copy = bundle.resolveSibling(".switchboard.sip.jar.part");
        Files.copy(bundle, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(2)));
        Files.move(copy, bundle, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
