package switchboard.dns.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The protocol layer: RCODEs, views, truncation, and packets that are not DNS at all. */
class WireProtocolTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final InetAddress LAN = address("192.168.2.10");
    private static final InetAddress WAN = address("198.51.100.99");

    @TempDir
    Path data;
    private Servers servers;

    @BeforeEach
    void start() throws Exception {
        servers = new Servers(data, Map.of("forwarders.enabled", "false"));
        servers.zone.putStatic("p", Map.of("name", "intranet", "type", "A", "value", "192.168.2.20"));
        for (int i = 1; i <= 40; i++)
            servers.zone.putStatic("m" + i, Map.of("name", "many", "type", "A", "value", "192.168.3." + i));
    }

    @AfterEach
    void stop() throws Exception {
        servers.close();
    }

    @Test
    void fewerBytesThanAHeaderAndResponsesGetNoAnswer() throws Exception {
        assertNull(respond(new byte[0], LOOPBACK, false));
        assertNull(respond(new byte[11], LOOPBACK, false));
        byte[] response = query("www.example.com.", Type.A).toWire();
        response[2] |= (byte) 0x80;
        assertNull(respond(response, LOOPBACK, false), "a response is never answered (no reflection loops)");
    }

    @Test
    void aHeaderPromisingAQuestionThatIsNotThereIsFormErrWithTheSameId() throws Exception {
        byte[] header = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0};
        byte[] reply = respond(header, LOOPBACK, false);
        assertEquals(0x1234, ((reply[0] & 0xff) << 8) | (reply[1] & 0xff));
        assertEquals(Rcode.FORMERR, reply[3] & 0xF);
        assertTrue((reply[2] & 0x80) != 0, "QR set");
    }

    @Test
    void badLabelPointersPointerLoopsAndOversizeLabelsAreFormErr() throws Exception {
        byte[] forwardPointer = packet(new byte[] {(byte) 0xC0, (byte) 0xFF, 0, 1, 0, 1});
        byte[] selfLoop = packet(new byte[] {(byte) 0xC0, 12, 0, 1, 0, 1});
        byte[] twoPointerLoop = packet(new byte[] {1, 'a', (byte) 0xC0, 14, (byte) 0xC0, 12, 0, 1, 0, 1});
        byte[] extendedLabelType = packet(new byte[] {0x40, 'a', 0, 0, 1, 0, 1});
        ByteArrayOutputStream longName = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            longName.write(63);
            longName.write(new byte[63], 0, 63);
        }
        longName.write(new byte[] {0, 0, 1, 0, 1});
        byte[] nameOver255 = packet(longName.toByteArray());
        byte[] truncatedQuestion = packet(new byte[] {3, 'w', 'w'});
        for (byte[] p : new byte[][] {forwardPointer, selfLoop, twoPointerLoop, extendedLabelType, nameOver255, truncatedQuestion})
            assertEquals(Rcode.FORMERR, respond(p, LOOPBACK, false)[3] & 0xF);
    }

    @Test
    void moreThanOneQuestionIsFormErrAndOtherOpcodesAreNotImp() throws Exception {
        Message two = query("www.example.com.", Type.A);
        two.addRecord(Record.newRecord(Name.fromString("lan.example.com."), Type.A, DClass.IN), Section.QUESTION);
        assertEquals(Rcode.FORMERR, answer(two, LOOPBACK, false).getRcode());
        for (int opcode : new int[] {Opcode.IQUERY, Opcode.STATUS, Opcode.NOTIFY, Opcode.UPDATE}) {
            Message q = query("www.example.com.", Type.A);
            q.getHeader().setOpcode(opcode);
            Message r = answer(q, LOOPBACK, false);
            assertEquals(Rcode.NOTIMP, r.getRcode(), Opcode.string(opcode));
            assertEquals(q.getHeader().getID(), r.getHeader().getID());
        }
    }

    @Test
    void randomBytesNeverBreakTheServer() throws Exception {
        Random random = new Random(4);
        for (int i = 0; i < 3000; i++) {
            byte[] junk = new byte[random.nextInt(i % 100 == 0 ? 65535 : 600)];
            random.nextBytes(junk);
            byte[] reply = respond(junk, LOOPBACK, false);
            if (reply != null) assertEquals(junk[0], reply[0], "replies carry the request's ID");
        }
        assertEquals(Rcode.NOERROR, answer(query("www.example.com.", Type.A), LOOPBACK, false).getRcode(), "and it still answers");
    }

    @Test
    void ednsVersionsAbove0AreBadVers() throws Exception {
        Message q = query("www.example.com.", Type.A);
        q.addRecord(new OPTRecord(1232, 0, 1, 0), Section.ADDITIONAL);
        assertEquals(Rcode.BADVERS, answer(q, LOOPBACK, false).getRcode());
    }

    @Test
    void udpAnswersAreCutToTheClientsBufferWithTcSetAndComeWholeOverTcp() throws Exception {
        Message plain = answer(query("many.example.com.", Type.A), LOOPBACK, false);
        assertTrue(plain.getHeader().getFlag(Flags.TC));
        assertTrue(plain.toWire().length <= 512);

        Message edns = query("many.example.com.", Type.A);
        edns.addRecord(new OPTRecord(4096, 0, 0, 0), Section.ADDITIONAL);
        Message big = answer(edns, LOOPBACK, false);
        assertFalse(big.getHeader().getFlag(Flags.TC));
        assertEquals(40, big.getSection(Section.ANSWER).size());
        assertNotNull(big.getOPT(), "EDNS is answered with EDNS");

        Message tcp = answer(query("many.example.com.", Type.A), LOOPBACK, true);
        assertFalse(tcp.getHeader().getFlag(Flags.TC));
        assertEquals(40, tcp.getSection(Section.ANSWER).size());
    }

    @Test
    void zoneNamesAreAuthoritativeAndUnknownOnesNxDomainWithTheSoa() throws Exception {
        Message www = answer(query("WWW.Example.COM.", Type.A), LAN, false);
        assertTrue(www.getHeader().getFlag(Flags.AA));
        assertEquals("203.0.113.10", www.getSection(Section.ANSWER).get(0).rdataToString());
        Message missing = answer(query("nothing.example.com.", Type.A), LAN, false);
        assertEquals(Rcode.NXDOMAIN, missing.getRcode());
        assertTrue(missing.getHeader().getFlag(Flags.AA));
        assertEquals(Type.SOA, missing.getSection(Section.AUTHORITY).get(0).getType());
        Message noData = answer(query("www.example.com.", Type.AAAA), LAN, false);
        assertEquals(Rcode.NOERROR, noData.getRcode());
        assertTrue(noData.getSection(Section.ANSWER).isEmpty());
        assertEquals(Type.SOA, noData.getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    void standAloneAnswersEveryOtherNameNxDomainAuthoritativelyForInsideClients() throws Exception {
        Message r = answer(query("www.example.org.", Type.A), LAN, false);
        assertEquals(Rcode.NXDOMAIN, r.getRcode());
        assertTrue(r.getHeader().getFlag(Flags.AA));
        assertFalse(r.getHeader().getFlag(Flags.RA), "no recursion is offered");
    }

    @Test
    void wanClientsGetRefusedOutsideTheZoneAndOnlyPublicNamesInIt() throws Exception {
        assertEquals(Rcode.REFUSED, answer(query("www.example.org.", Type.A), WAN, false).getRcode());
        assertEquals(Rcode.NOERROR, answer(query("www.example.com.", Type.A), WAN, false).getRcode());
        assertEquals(Rcode.NXDOMAIN, answer(query("intranet.example.com.", Type.A), WAN, false).getRcode());
        assertEquals(Rcode.NOERROR, answer(query("intranet.example.com.", Type.A), LAN, false).getRcode());
        assertEquals(Rcode.NOERROR, answer(query("intranet.example.com.", Type.A), LOOPBACK, false).getRcode());
    }

    @Test
    void withSingleViewWanClientsSeeEveryName() throws Exception {
        try (Servers single = new Servers(data.resolve("single"), Map.of("forwarders.enabled", "false", "views", "single"))) {
            single.zone.putStatic("p", Map.of("name", "intranet", "type", "A", "value", "192.168.2.20"));
            Message r = Message.newQuery(Record.newRecord(Name.fromString("intranet.example.com."), Type.A, DClass.IN));
            assertEquals(Rcode.NOERROR, new Message(single.protocol.respond(r.toWire(), WAN, false).get()).getRcode());
        }
    }

    @Test
    void zoneTransfersAreNeverAnsweredOverUdp() throws Exception {
        assertEquals(Rcode.FORMERR, answer(query("example.com.", Type.AXFR), LOOPBACK, false).getRcode());
    }

    @Test
    void mxAnswersCarryTheMailServersAddresses() throws Exception {
        Message mx = answer(query("example.com.", Type.MX), WAN, false);
        assertEquals("10 smtp.example.com.", mx.getSection(Section.ANSWER).get(0).rdataToString());
        assertEquals(2, mx.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() == Type.A).count());
    }

    @Test
    void repeatedQuestionsAreAnsweredFromFinishedAnswersUntilTheZoneChanges() throws Exception {
        Message first = query("pbx.example.com.", Type.A);
        assertEquals(Rcode.NXDOMAIN, answer(first, LAN, false).getRcode());
        Message again = query("pbx.example.com.", Type.A);
        again.getHeader().unsetFlag(Flags.RD);
        Message cached = answer(again, LAN, false);
        assertEquals(again.getHeader().getID(), cached.getHeader().getID());
        assertFalse(cached.getHeader().getFlag(Flags.RD), "RD is the request's");
        assertEquals(Rcode.NXDOMAIN, cached.getRcode());

        servers.zone.putStatic("pbx", Map.of("name", "pbx", "type", "A", "value", "192.168.2.10"));
        Message changed = answer(query("pbx.example.com.", Type.A), LAN, false);
        assertEquals("192.168.2.10", changed.getSection(Section.ANSWER).get(0).rdataToString());
        assertEquals(Rcode.NXDOMAIN, answer(query("pbx.example.com.", Type.A), WAN, false).getRcode(), "each view has its own answers");
        assertEquals(4, servers.stats.queries());
    }

    private Message answer(Message query, InetAddress source, boolean tcp) throws Exception {
        return new Message(respond(query.toWire(), source, tcp));
    }

    private byte[] respond(byte[] request, InetAddress source, boolean tcp) throws Exception {
        return servers.protocol.respond(request, source, tcp).get();
    }

    private static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    /** A query header (ID 0x4242, RD, one question) followed by {@code question} as raw bytes. */
    private static byte[] packet(byte[] question) {
        byte[] out = new byte[12 + question.length];
        byte[] header = {0x42, 0x42, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0};
        System.arraycopy(header, 0, out, 0, 12);
        System.arraycopy(question, 0, out, 12, question.length);
        return out;
    }

    private static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
