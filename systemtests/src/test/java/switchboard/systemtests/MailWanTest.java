package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client on the WAN side (a network namespace outside the office LAN) may deliver to us but not relay. */
@Timeout(180)
class MailWanTest {
    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void wanClientDeliversLocallyButMayNotRelay() {
        try (ClientNamespace wan = ClientNamespace.create()) {
            MailHome mail = new MailHome(switchboards.newHome(), ClientNamespace.HOST_ADDRESS, "");
            switchboards.start(mail.home);
            MailPorts.awaitOpen(ClientNamespace.HOST_ADDRESS, mail.smtp);
            String server = ClientNamespace.HOST_ADDRESS + ":" + mail.smtp;

            ClientCommand relay = ClientCommand.run(wan.inside("swaks", "--server", server, "--timeout", "20",
                    "--from", "spammer@wan.example", "--to", "victim@other.example"));
            assertNotEquals(0, relay.exitCode());
            assertTrue(relay.output().contains("<** 554 5.7.1 Relay access denied"), relay.output());
            assertEquals(0, mail.queuedEnvelopes().size());

            ClientCommand.succeed(wan.inside("swaks", "--server", server, "--timeout", "20",
                    "--from", "customer@wan.example", "--to", "bob@office.lan"));
            assertEquals(1, mail.messages("bob").size(), "mail for our users is accepted from anyone");
        }
    }
}
