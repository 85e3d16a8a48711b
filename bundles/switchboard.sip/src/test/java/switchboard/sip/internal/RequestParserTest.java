package switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RequestParserTest {
    static final String REGISTER = String.join("\r\n",
            "REGISTER sip:office.example SIP/2.0",
            "Via: SIP/2.0/UDP 10.0.0.7:5062;branch=z9hG4bK776;rport",
            "Max-Forwards: 70",
            "From: \"Alice\" <sip:alice@office.example>;tag=f1",
            "To: <sip:alice@Office.Example>",
            "Call-ID: c1@10.0.0.7",
            "CSeq: 2 REGISTER",
            "Contact: <sip:alice@10.0.0.7:5062;transport=udp>;expires=600;q=0.7, <sip:alice@192.0.2.1>",
            "Contact: sip:alice@10.0.0.8;expires=30",
            "Expires: 3600",
            "Authorization: Digest username=\"alice\", realm=\"office.example\", nonce=\"n1\", uri=\"sip:office.example\","
                    + " response=\"0123456789abcdef0123456789abcdef\", algorithm=MD5, cnonce=\"cn\", qop=auth, nc=00000001",
            "Path: <sip:edge.office.example;lr>",
            "User-Agent: Yealink SIP-T46U",
            "Content-Length: 0", "", "");

    static SipRequest jain(String text) throws Exception {
        return JainRequests.of((SIPRequest) new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null));
    }

    static SipRequest fast(String text) {
        return RequestParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsWhatTheRegistrarUsesExactlyAsJainSipDoes() throws Exception {
        SipRequest fast = fast(REGISTER);
        assertNotNull(fast);
        assertEquals(jain(REGISTER), fast);
        assertEquals("alice", fast.toUser());
        assertEquals(List.of(new SipRequest.Contact(false, "sip:alice@10.0.0.7:5062;transport=udp", "10.0.0.7", 5062, "600"),
                new SipRequest.Contact(false, "sip:alice@192.0.2.1", "192.0.2.1", -1, null),
                new SipRequest.Contact(false, "sip:alice@10.0.0.8", "10.0.0.8", -1, "30")), fast.contacts());
        assertEquals(Map.of("username", "alice", "realm", "office.example", "nonce", "n1", "uri", "sip:office.example",
                "response", "0123456789abcdef0123456789abcdef", "algorithm", "MD5", "cnonce", "cn", "qop", "auth", "nc", "00000001"),
                fast.authorization());
    }

    @Test
    void compactFormsFoldedLinesAndTheWildcardToo() throws Exception {
        String compact = String.join("\r\n",
                "REGISTER sip:office.example SIP/2.0",
                "v: SIP/2.0/UDP 10.0.0.7:5062;branch=z9hG4bK1",
                "v: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK0",
                "f: <sip:bob@office.example>;tag=x",
                "t: <sip:bob@office.example>",
                "i: c2",
                "CSeq: 7",
                "  REGISTER",
                "m: *",
                "Expires: 0",
                "User-Agent: Phone",
                "\t1.0",
                "l: 0", "", "");
        SipRequest fast = fast(compact);
        assertNotNull(fast);
        // a folded line is the one line with a space (RFC 3261 §7.3.1); jain-sip's User-Agent parser drops the space
        assertEquals("Phone 1.0", fast.userAgent());
        SipRequest jain = jain(compact);
        assertEquals("Phone1.0", jain.userAgent());
        assertEquals(jain.toString().replace("Phone1.0", "Phone 1.0"), fast.toString());
        assertEquals(List.of(SipRequest.Contact.WILDCARD), fast.contacts());
        assertEquals(7, fast.cseq());
        String options = "OPTIONS sip:office.example SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.7;branch=z9hG4bK2\r\nFrom: <sip:x@h>;tag=1\r\n"
                + "To: <sip:office.example>\r\nCall-ID: o1\r\nCSeq: 1 OPTIONS\r\n\r\n";
        assertEquals(jain(options), fast(options));
    }

    @Test
    void headerNamesInAnyCaseWithBlanksBeforeTheColonAndUnreadHeadersSkipped() throws Exception {
        String odd = REGISTER.replace("Via: ", "VIA : ").replace("Call-ID: ", "call-id:\t").replace("CSeq: ", "CSEQ:")
                .replace("Max-Forwards: 70", "X-Unread-By-The-Registrar: anything <at> all; \"here\"");
        SipRequest fast = fast(odd);
        assertNotNull(fast);
        assertEquals(jain(REGISTER), fast);
        assertNull(fast(REGISTER.replace("Max-Forwards:", "Max Forwards:")), "a name with a space is no token");
        assertNull(fast(REGISTER.replace("Max-Forwards:", "Max-Forwards<>:")), "nor one with brackets");
        assertNull(fast(REGISTER.replace("Max-Forwards:", ":")), "an empty name");
    }

    @Test
    void receivedAndRportGoIntoTheTopViaAsJainSipPutThem() throws Exception {
        SipRequest marked = fast(REGISTER).receivedFrom("198.51.100.4", 40000);
        assertEquals("SIP/2.0/UDP 10.0.0.7:5062;branch=z9hG4bK776;received=198.51.100.4;rport=40000", marked.vias().get(0));
        String noRport = REGISTER.replace(";rport", "");
        assertEquals("SIP/2.0/UDP 10.0.0.7:5062;branch=z9hG4bK776", fast(noRport).receivedFrom("10.0.0.7", 5062).vias().get(0));
        SipRequest unmarked = fast(noRport);
        assertSame(unmarked, unmarked.receivedFrom("10.0.0.7", 5062), "nothing to mark: the request itself");
        assertEquals("SIP/2.0/UDP 10.0.0.7:5062;branch=z9hG4bK776", fast(noRport.replace("z9hG4bK776", "z9hG4bK776;received=10.0.0.1"))
                .receivedFrom("10.0.0.7", 5062).vias().get(0), "a received the client wrote itself is dropped");
        assertEquals("SIP/2.0/UDP 10.0.0.7:5062;branch=z9hG4bK776;received=10.0.0.9", fast(noRport).receivedFrom("10.0.0.9", 5062).vias().get(0));
    }

    /** Anything unusual or broken is left to jain-sip's parser, which answers it or refuses it with 400. */
    @Test
    void leavesMalformedOrUnusualRequestsToTheFullParser() {
        List<String> refused = List.of(
                REGISTER.substring(0, REGISTER.indexOf("Expires")),                     // truncated: no end of headers
                REGISTER.replace("Content-Length: 0", "Content-Length: 12"),           // body shorter than announced
                REGISTER.replace("Content-Length: 0", "Content-Length: x"),
                REGISTER.replace("Content-Length: 0\r\n\r\n", "Content-Length: 0\r\n\r\nbody"), // body longer
                REGISTER.replace("Call-ID: c1@10.0.0.7\r\n", ""),                       // mandatory headers missing
                REGISTER.replace("CSeq: 2 REGISTER\r\n", ""),
                REGISTER.replaceAll("Via: [^\r]*\r\n", ""),
                REGISTER.replace("To: <sip:alice@Office.Example>\r\n", ""),
                REGISTER.replace("Call-ID: c1@10.0.0.7", "Call-ID: c1\r\ni: c2"),       // repeated single header
                REGISTER.replace("CSeq: 2 REGISTER", "CSeq: 2 INVITE"),
                REGISTER.replace("CSeq: 2 REGISTER", "CSeq: 99999999999 REGISTER"),
                REGISTER.replace("Expires: 3600", "Expires: soon"),
                REGISTER.replace("Alice", "Al\u00e9ce"),                                 // not ASCII
                REGISTER.replace("Max-Forwards: 70", "Max-Forwards: 7\u00010"),
                REGISTER.replace("\r\nMax-Forwards", "\nMax-Forwards"),                  // bare LF
                REGISTER.replace("To: <sip:alice@Office.Example>", "To: <tel:+4930123>"),
                REGISTER.replace("<sip:alice@192.0.2.1>", "<sip:alice@192.0.2.1"),
                REGISTER.replace("nonce=\"n1\"", "nonce=\"n1"),
                REGISTER.replace("nonce=\"n1\"", "nonce=\"n\\\"1\""),
                REGISTER.replace("REGISTER sip:office.example SIP/2.0", "REGISTER sip:office.example SIP/3.0"),
                REGISTER.replace("REGISTER sip:office.example SIP/2.0", "INVITE sip:office.example SIP/2.0"),
                REGISTER.replace("Via: SIP/2.0/UDP 10.0.0.7:5062;branch=z9hG4bK776;rport",
                        "Via: SIP/2.0/UDP 10.0.0.7:5062;branch=a, SIP/2.0/UDP 10.0.0.8;branch=b"),
                " \r\n" + REGISTER,
                "SIP/2.0 200 OK\r\n" + REGISTER.substring(REGISTER.indexOf("Via")),
                "");
        for (String text : refused) assertNull(fast(text), text);
        byte[] invalidUtf8 = REGISTER.getBytes(StandardCharsets.UTF_8);
        invalidUtf8[REGISTER.indexOf("Yealink")] = (byte) 0xC3;
        assertNull(RequestParser.parse(invalidUtf8));
        assertNull(fast(REGISTER.replace("User-Agent: Yealink SIP-T46U", "User-Agent: " + "x".repeat(100_000))
                .replace("Content-Length: 0", "Content-Length: 1")));
    }
}
