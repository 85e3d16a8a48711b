package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kill -9} of the whole server while swaks delivers one message after another: after the restart
 * every message that got its 250 is in the Maildir exactly once, and every message there is whole (one cut
 * off by the kill can only be a file in {@code tmp/}, which no mail client reads).
 */
@Timeout(180)
class MailCrashTest {
    private static final int ACCEPTED_BEFORE_KILL = 8;
    private static final int MAX_MESSAGES = 400;
    private static final Pattern SUBJECT = Pattern.compile("(?m)^Subject: crash-test-([0-9]+)\\r?$");

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void everyAcceptedMessageSurvivesAKillMinus9ExactlyOnce() throws Exception {
        MailHome mail = new MailHome(switchboards.newHome(), "127.0.0.1", "");
        RunningSwitchboard first = switchboards.start(mail.home);
        MailPorts.awaitOpen("127.0.0.1", mail.smtp);
        Map<Integer, Boolean> accepted = new ConcurrentHashMap<>();
        Thread sender = new Thread(() -> {
            for (int n = 0; n < MAX_MESSAGES && first.process().isAlive(); n++) {
                ClientCommand swaks = ClientCommand.run(List.of("swaks", "--server", "127.0.0.1:" + mail.smtp, "--timeout", "10",
                        "--from", "load@elsewhere.example", "--to", "anna@office.lan", "--h-Subject", "crash-test-" + n));
                if (swaks.exitCode() == 0) accepted.put(n, true);
            }
        }, "crash-test-sender");
        sender.setDaemon(true);
        sender.start();

        Poll.until(Duration.ofSeconds(90), ACCEPTED_BEFORE_KILL + " messages accepted", () -> accepted.size() >= ACCEPTED_BEFORE_KILL);
        first.process().kill();
        sender.join(TimeUnit.SECONDS.toMillis(30));
        List<Integer> acknowledged = new ArrayList<>(accepted.keySet());

        switchboards.start(mail.home);
        Map<Integer, Long> stored = mail.messages("anna").stream().map(mail::read).map(MailCrashTest::number)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (int n : acknowledged) assertEquals(1L, stored.getOrDefault(n, 0L), "message " + n + " was acknowledged: stored exactly once");
        stored.forEach((n, count) -> assertEquals(1L, count, "message " + n + " stored once at most"));
        assertTrue(stored.size() <= acknowledged.size() + 1, "only the message in flight at the kill may be stored unacknowledged");
        for (Path message : mail.messages("anna"))
            assertTrue(mail.read(message).strip().endsWith("This is a test mailing"), "a whole message, body included: " + message);
    }

    private static int number(String message) {
        Matcher m = SUBJECT.matcher(message);
        if (!m.find()) throw new AssertionError("a message that is not one of the test's, or only part of it:\n" + message);
        return Integer.parseInt(m.group(1));
    }
}
