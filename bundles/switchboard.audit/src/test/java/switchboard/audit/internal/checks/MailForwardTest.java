package switchboard.audit.internal.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailForwardTest {
    @Test
    void aForwardToOrFromAnSmtpPortIsAMailForward() {
        assertEquals(Optional.of(new MailForward("f.cfg", 587, new InetSocketAddress("192.168.2.10", 587))),
                MailForward.of("f.cfg", "587/tcp", "192.168.2.10:587"));
        assertEquals(25, MailForward.of("f.cfg", "8025/tcp", "192.168.2.10:25").orElseThrow().server().getPort(), "to port 25");
        assertEquals(2525, MailForward.of("f.cfg", "2525", "192.168.2.10:8025").orElseThrow().wanPort(), "from 2525, protocol left out");
    }

    @Test
    void otherForwardsAreNot() {
        assertEquals(Optional.empty(), MailForward.of("ssh.cfg", "8022/tcp", "192.168.2.10:22"));
        assertEquals(Optional.empty(), MailForward.of("smtps.cfg", "465/tcp", "192.168.2.10:465"), "TLS from the start");
        assertEquals(Optional.empty(), MailForward.of("udp.cfg", "25/udp", "192.168.2.10:25"));
    }

    @Test
    void malformedForwardsAreNoneRatherThanErrors() {
        for (String[] bad : new String[][] {{"", "192.168.2.10:25"}, {"25/tcp", ""}, {"25/tcp", "192.168.2.10"}, {"25/tcp", ":25"},
                {"25/tcp", "mail.office.lan:25"}, {"25/tcp", "192.168.2.10:x"}, {"25/tcp", "192.168.2.10:70000"}, {"25/tcp", "192.168.2.10:0"},
                {"25-26/tcp", "192.168.2.10:25"}, {"25/sctp", "192.168.2.10:25"}, {"99999/tcp", "192.168.2.10:25"}, {"25/tcp", "1.2.3.4.5:25"},
                {"25/tcp", "999.1.1.1:25"}, {"25/tcp", "1.2.3:25"}})
            assertEquals(Optional.empty(), MailForward.of("bad.cfg", bad[0], bad[1]), String.join(" -> ", bad));
    }
}
