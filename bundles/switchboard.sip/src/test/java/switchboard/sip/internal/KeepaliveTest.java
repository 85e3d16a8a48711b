package switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import switchboard.api.broker.DatagramSender;
import switchboard.sip.internal.location.Binding;
import switchboard.sip.internal.location.ContactUpdate;
import switchboard.sip.internal.location.LocationTable;

@Timeout(10)
class KeepaliveTest {
    final LocationTable table = new LocationTable();
    final List<String> pings = new ArrayList<>();
    final List<InetSocketAddress> targets = new ArrayList<>();
    final DatagramSender sender = (payload, target) -> {
        pings.add(StandardCharsets.UTF_8.decode(payload).toString());
        targets.add(target);
    };
    final AtomicLong clock = new AtomicLong();
    final Keepalive keepalive = new Keepalive(table, new SipStats(), clock::get);

    void register(String aor, String contact, String source, boolean nat) {
        table.register(new LocationTable.Registration(aor, "call-" + aor, 1, "phone", source, "", nat),
                List.of(new ContactUpdate(contact, 3600)), 0);
    }

    @Test
    void pingsOnlyContactsBehindNatAtTheirPublicAddress() throws Exception {
        keepalive.configure(30, 120, () -> "127.0.0.1:5060");
        keepalive.usedSender(sender);
        register("sip:201@office.example", "sip:201@10.0.0.7:5062", "192.0.2.7:40000", true);
        register("sip:202@office.example", "sip:202@192.0.2.8", "192.0.2.8:5060", false);
        assertEquals(List.of(), keepalive.run(0));
        assertEquals(List.of(new InetSocketAddress("192.0.2.7", 40000)), targets);
        String options = pings.get(0);
        assertTrue(options.startsWith("OPTIONS sip:201@10.0.0.7:5062 SIP/2.0\r\n"), options);
        assertTrue(new StringMsgParser().parseSIPMessage(options.getBytes(StandardCharsets.UTF_8), true, false, null) != null);
    }

    @Test
    void anAnswerKeepsTheContactAndSilenceRemovesItAfterTheGrace() throws Exception {
        keepalive.configure(30, 120, () -> "127.0.0.1:5060");
        keepalive.usedSender(sender);
        register("sip:201@office.example", "sip:201@10.0.0.7:5062", "192.0.2.7:40000", true);
        Binding b = table.all(0).get(0);
        keepalive.run(0);
        assertEquals("ok", keepalive.state(b, 0));
        assertEquals(List.of(), keepalive.run(29_000), "no ping before the interval has passed");
        assertEquals(1, pings.size());
        keepalive.run(61_000);
        assertEquals("unreachable", keepalive.state(b, 61_000));
        List<Binding> removed = keepalive.run(121_000);
        assertEquals(List.of(b), removed);
        assertEquals(0, table.size());
    }

    @Test
    void answeredPingsProveReachability() throws Exception {
        keepalive.configure(30, 120, () -> "127.0.0.1:5060");
        keepalive.usedSender(sender);
        register("sip:201@office.example", "sip:201@10.0.0.7:5062", "192.0.2.7:40000", true);
        keepalive.run(0);
        String callId = pings.get(0).lines().filter(l -> l.startsWith("Call-ID: ")).findFirst().orElseThrow().substring(9);
        String answer = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKx\r\nFrom: <sip:keepalive@127.0.0.1>;tag=1\r\n"
                + "To: <sip:201@10.0.0.7:5062>;tag=2\r\nCall-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        clock.set(100_000);
        keepalive.answered((SIPResponse) new StringMsgParser().parseSIPMessage(answer.getBytes(StandardCharsets.UTF_8), true, false, null));
        assertEquals(List.of(), keepalive.run(121_000), "answered, so not removed");
        assertEquals(1, table.size());
    }
}
