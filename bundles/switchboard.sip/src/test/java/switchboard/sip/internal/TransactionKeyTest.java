package switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class TransactionKeyTest {
    static String key(String text) {
        return TransactionKey.of(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void topViaBranchCallIdAndCSeqInLongOrCompactForm() {
        String request = SipEngineTest.register("alice", 7, "<sip:alice@10.0.0.7>", "Via: SIP/2.0/UDP proxy;branch=z9hG4bKlower\r\n");
        assertEquals("z9hG4bKalice7\ncall-alice\n7 REGISTER", key(request));
        String compact = "REGISTER sip:office.example SIP/2.0\r\nv: SIP/2.0/UDP 10.0.0.7;rport;BRANCH=z9hG4bKx, SIP/2.0/UDP b;branch=y\r\n"
                + "i: c1\r\nCSeq:  3   REGISTER\r\n\r\n";
        assertEquals("z9hG4bKx\nc1\n3 REGISTER", key(compact));
        assertNotEquals(key(request), key(request.replace("CSeq: 7 REGISTER", "CSeq: 7 OPTIONS")));
    }

    @Test
    void responsesAndIncompleteOrMalformedDatagramsHaveNone() {
        String request = SipEngineTest.register("alice", 1, "<sip:alice@10.0.0.7>", "");
        assertNull(key("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=b\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n\r\n"));
        assertNull(key(request.replaceAll("Call-ID: [^\r]*\r\n", "")));
        assertNull(key(request.substring(0, request.indexOf("CSeq"))));
        assertNull(key(""));
        assertNull(TransactionKey.of(new byte[] {(byte) 0xFF, 0, '\n', ':', '\n'}));
        // the body never counts: a blank line ends the headers
        assertNull(key("REGISTER sip:x SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=b\r\n\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n"));
        assertEquals("\nc\n1 REGISTER", key("REGISTER sip:x SIP/2.0\r\nVia: SIP/2.0/UDP a\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n\r\n"));
    }
}
