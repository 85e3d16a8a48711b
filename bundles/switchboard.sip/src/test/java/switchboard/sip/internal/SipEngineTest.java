package switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import switchboard.api.broker.DatagramSender;

@Timeout(30)
class SipEngineTest {
    static final InetSocketAddress PHONE = new InetSocketAddress("192.0.2.7", 5062);
    static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    @TempDir
    Path data;
    final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    final List<String> sent = new ArrayList<>();
    final DatagramSender sender = (payload, target) -> sent.add(StandardCharsets.UTF_8.decode(payload).toString());
    SipEngine engine;
    int cseq;

    @BeforeEach
    void start() throws Exception {
        engine = engine(Map.of("keepalive.seconds", "0", "flood.requests.per.second", "0"));
    }

    SipEngine engine(Map<String, String> config) throws Exception {
        return new SipEngine(SipConfig.parse(config), () -> OfficeDirectory.REALM, () -> "127.0.0.1", new OfficeDirectory(), data, clock::get);
    }

    @AfterEach
    void stop() throws IOException {
        engine.close();
    }

    /** Sends the text (lines joined with CRLF) and returns the answer, or null when none was sent. */
    String send(String message) throws Exception {
        return send(message.getBytes(StandardCharsets.UTF_8), PHONE);
    }

    String send(byte[] message, InetSocketAddress from) throws Exception {
        sent.clear();
        engine.handle(new Inbound(message, from, sender));
        assertTrue(engine.flush(10_000));
        return sent.isEmpty() ? null : sent.get(0);
    }

    static String register(String user, int cseq, String contact, String extra) {
        return "REGISTER sip:office.example SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.7:5062;branch=z9hG4bK" + user + cseq + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@office.example>;tag=f1\r\n"
                + "To: <sip:" + user + "@office.example>\r\n"
                + "Call-ID: call-" + user + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: " + contact + "\r\n"
                + "User-Agent: Yealink SIP-T46U\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    /** Registers with the challenge-response round trip, as a phone does. */
    String authenticated(String user, String authUser, String password, String algorithm, String contact, String extra)
            throws Exception {
        String challenge = send(register(user, ++cseq, contact, extra));
        assertTrue(challenge.startsWith("SIP/2.0 401"), challenge);
        Matcher m = NONCE.matcher(challenge);
        assertTrue(m.find());
        return send(register(user, ++cseq, contact, authorization(authUser, password, algorithm, m.group(1), "00000001") + extra));
    }

    static String authorization(String user, String password, String algorithm, String nonce, String nc) {
        String ha1 = OfficeDirectory.hex(algorithm, user + ":" + OfficeDirectory.REALM + ":" + password);
        String ha2 = OfficeDirectory.hex(algorithm, "REGISTER:sip:office.example");
        String response = OfficeDirectory.hex(algorithm, ha1 + ":" + nonce + ":" + nc + ":c0ffee:auth:" + ha2);
        return "Authorization: Digest username=\"" + user + "\", realm=\"office.example\", nonce=\"" + nonce
                + "\", uri=\"sip:office.example\", response=\"" + response + "\", algorithm=" + algorithm
                + ", qop=auth, nc=" + nc + ", cnonce=\"c0ffee\"\r\n";
    }

    static SIPResponse parse(String response) throws Exception {
        return (SIPResponse) new StringMsgParser().parseSIPMessage(response.getBytes(StandardCharsets.UTF_8), true, false, null);
    }

    @Test
    void challengesWithSha256AndMd5ThenRegisters() throws Exception {
        String challenge = send(register("alice", 1, "<sip:alice@10.0.0.7:5062>", "Expires: 600\r\n"));
        assertTrue(challenge.startsWith("SIP/2.0 401 Unauthorized"), challenge);
        assertTrue(challenge.indexOf("algorithm=SHA-256") < challenge.indexOf("algorithm=MD5"), challenge);
        assertTrue(challenge.contains("qop=\"auth\""), challenge);
        String ok = authenticated("alice", "alice", "alice-secret-1", "MD5", "<sip:alice@10.0.0.7:5062>", "Expires: 600\r\n");
        assertTrue(ok.startsWith("SIP/2.0 200 OK"), ok);
        assertTrue(ok.contains("Contact: <sip:alice@10.0.0.7:5062>;expires=600"), ok);
        assertEquals(1, engine.table().size());
    }

    @Test
    void sha256AndTheExtensionAuthenticateToo() throws Exception {
        String ok = authenticated("201", "201", "alice-secret-1", "SHA-256", "<sip:201@10.0.0.7:5062>", "");
        assertTrue(ok.startsWith("SIP/2.0 200"), ok);
        assertEquals("sip:201@office.example", engine.table().all(clock.get()).get(0).aor());
    }

    @Test
    void wrongPasswordsUnknownUsersAndOtherAccountsGetTheSame403() throws Exception {
        assertTrue(authenticated("alice", "alice", "guess", "MD5", "<sip:alice@10.0.0.7>", "").startsWith("SIP/2.0 403"));
        assertTrue(authenticated("mallory", "mallory", "guess", "MD5", "<sip:m@10.0.0.7>", "").startsWith("SIP/2.0 403"));
        // bob's own password does not register alice's address
        assertTrue(authenticated("alice", "bob", "bob-secret-2", "MD5", "<sip:alice@10.0.0.7>", "").startsWith("SIP/2.0 403"));
        assertEquals(0, engine.table().size());
    }

    @Test
    void repeatedFailuresSilenceTheSource() throws Exception {
        for (int i = 0; i < 10; i++) authenticated("alice", "alice", "guess-" + i, "MD5", "<sip:alice@10.0.0.7>", "");
        assertEquals(null, send(register("alice", ++cseq, "<sip:alice@10.0.0.7>", "")));
        String other = send(register("alice", ++cseq, "<sip:alice@10.0.0.7>", "").getBytes(StandardCharsets.UTF_8),
                new InetSocketAddress("192.0.2.99", 5060));
        assertTrue(other.startsWith("SIP/2.0 401"), other);
    }

    @Test
    void aReplayedAuthorizationIsRefusedAndAnOldNonceIsStale() throws Exception {
        String challenge = send(register("alice", 1, "<sip:alice@10.0.0.7>", ""));
        Matcher m = NONCE.matcher(challenge);
        assertTrue(m.find());
        String auth = authorization("alice", "alice-secret-1", "MD5", m.group(1), "00000001");
        assertTrue(send(register("alice", 2, "<sip:alice@10.0.0.7>", auth)).startsWith("SIP/2.0 200"));
        assertTrue(send(register("alice", 3, "<sip:alice@10.0.0.7>", auth)).startsWith("SIP/2.0 403"));
        clock.addAndGet(61_000);
        String stale = send(register("alice", 4, "<sip:alice@10.0.0.7>",
                authorization("alice", "alice-secret-1", "MD5", m.group(1), "00000002")));
        assertTrue(stale.startsWith("SIP/2.0 401") && stale.contains("stale=true"), stale);
    }

    @Test
    void tooBriefIsRefusedWith423AndTooLongIsShortened() throws Exception {
        String brief = authenticated("alice", "alice", "alice-secret-1", "MD5", "<sip:alice@10.0.0.7>;expires=30", "");
        assertTrue(brief.startsWith("SIP/2.0 423") && brief.contains("Min-Expires: 60"), brief);
        String capped = authenticated("alice", "alice", "alice-secret-1", "MD5", "<sip:alice@10.0.0.7>", "Expires: 99999\r\n");
        assertTrue(capped.contains(";expires=3600"), capped);
    }

    @Test
    void severalContactsAreListedAndWildcardRemovesThem() throws Exception {
        authenticated("alice", "alice", "alice-secret-1", "MD5", "<sip:alice@10.0.0.7>", "");
        String two = authenticated("alice", "alice", "alice-secret-1", "MD5", "<sip:alice@10.0.0.8>", "");
        assertEquals(2, parse(two).getContactHeaders().size());
        assertTrue(authenticated("alice", "alice", "alice-secret-1", "MD5", "*", "").startsWith("SIP/2.0 400"));
        String none = authenticated("alice", "alice", "alice-secret-1", "MD5", "*", "Expires: 0\r\n");
        assertTrue(none.startsWith("SIP/2.0 200") && !none.contains("Contact:"), none);
        assertEquals(0, engine.table().size());
    }

    @Test
    void natIsDetectedAndTheViaGetsReceivedAndRport() throws Exception {
        String ok = authenticated("alice", "alice", "alice-secret-1", "MD5", "<sip:alice@10.0.0.7:5062>",
                "Path: <sip:edge.office.example;lr>\r\nSupported: path\r\n");
        assertTrue(ok.contains("received=192.0.2.7") && ok.contains("rport=5062"), ok);
        assertTrue(ok.contains("Path: <sip:edge.office.example;lr>"), ok);
        var binding = engine.table().all(clock.get()).get(0);
        assertTrue(binding.nat());
        assertEquals("192.0.2.7:5062", binding.source());
        assertEquals("Yealink SIP-T46U", binding.userAgent());
    }

    @Test
    void bindingsAreOnDiskBeforeTheAnswerAndSurviveARestart() throws Exception {
        authenticated("alice", "alice", "alice-secret-1", "MD5", "<sip:alice@10.0.0.7>", "Expires: 600\r\n");
        engine.close();
        engine = engine(Map.of());
        assertEquals(1, engine.table().size());
        clock.addAndGet(600_000);
        engine.maintain();
        assertEquals(0, engine.table().size());
    }

    @Test
    void optionsIsAnsweredAndOtherMethodsAreRefused() throws Exception {
        String options = send(register("alice", 1, "<sip:alice@10.0.0.7>", "").replace("REGISTER", "OPTIONS"));
        assertTrue(options.startsWith("SIP/2.0 200") && options.matches("(?s).*Allow: REGISTER, ?OPTIONS.*"), options);
        assertTrue(send(register("alice", 1, "<sip:alice@10.0.0.7>", "").replace("REGISTER", "INVITE")).startsWith("SIP/2.0 405"));
        assertTrue(send(register("alice", 1, "<sip:alice@10.0.0.7>", "").replace("REGISTER", "FROBNICATE")).startsWith("SIP/2.0 501"));
        assertEquals(null, send(register("alice", 1, "<sip:alice@10.0.0.7>", "").replace("REGISTER", "ACK")));
    }

    @Test
    void scannersAreIgnored() throws Exception {
        String scan = register("100", 1, "<sip:100@10.0.0.7>", "").replace("Yealink SIP-T46U", "friendly-scanner");
        assertEquals(null, send(scan));
        assertEquals(null, send(register("alice", 1, "<sip:alice@10.0.0.7>", "")));
        assertEquals(2, engine.stats().snapshot().get("scanners (dropped)") + engine.stats().snapshot().get("throttled (dropped)"));
    }

    /** User-Agent is optional (RFC 3261 §20.41): requests without one were dropped as malformed, unanswered. */
    @Test
    void requestsWithoutAUserAgentAreAnswered() throws Exception {
        String anonymous = register("alice", 1, "<sip:alice@10.0.0.7>", "").replace("User-Agent: Yealink SIP-T46U\r\n", "");
        assertTrue(String.valueOf(send(anonymous)).startsWith("SIP/2.0 401"));
        assertTrue(String.valueOf(send(anonymous.replace("REGISTER", "OPTIONS"))).startsWith("SIP/2.0 200"));
        assertEquals(0, engine.stats().snapshot().get("malformed"));
    }

    @Test
    void malformedMessagesGet400WherePossibleAndNeverStopTheEngine() throws Exception {
        String good = register("alice", 1, "<sip:alice@10.0.0.7>", "");
        List<byte[]> fuzz = new ArrayList<>();
        for (int cut = 1; cut < good.length(); cut += 7) fuzz.add(good.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        fuzz.add(good.replace("Content-Length: 0", "Content-Length: 9999").getBytes(StandardCharsets.UTF_8));
        fuzz.add(good.replace("Content-Length: 0", "Content-Length: -5").getBytes(StandardCharsets.UTF_8));
        fuzz.add(good.replace("CSeq: 1 REGISTER", "CSeq: x REGISTER").getBytes(StandardCharsets.UTF_8));
        fuzz.add(good.replace("To: <sip:alice@office.example>", "To: <<<").getBytes(StandardCharsets.UTF_8));
        fuzz.add((good.replace("\r\n\r\n", "\r\n") + "X-Pad: " + "a".repeat(40_000) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] invalidUtf8 = good.replace("Yealink", "\u0000\u0000").getBytes(StandardCharsets.UTF_8);
        invalidUtf8[good.indexOf("User-Agent: ") + 12] = (byte) 0xC3;
        invalidUtf8[good.indexOf("User-Agent: ") + 13] = (byte) 0x28;
        fuzz.add(invalidUtf8);
        fuzz.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2});
        fuzz.add(new byte[0]);
        for (byte[] f : fuzz) {
            String answer = send(f, PHONE);
            assertTrue(answer == null || answer.startsWith("SIP/2.0 4") || answer.startsWith("SIP/2.0 5"),
                    new String(f, StandardCharsets.UTF_8) + " -> " + answer);
        }
        assertTrue(send(good.replace("CSeq: 1 REGISTER", "CSeq: x REGISTER")).startsWith("SIP/2.0 400"));
        // requests the fast parser leaves to jain-sip's: a To that names no user, a CSeq of another method
        assertTrue(send(good.replace("To: <sip:alice@office.example>", "To: <tel:+4930123>")).startsWith("SIP/2.0 400"));
        assertTrue(send(good.replace("CSeq: 1 REGISTER", "CSeq: 1 INVITE").replace("call-alice", "call-x")).startsWith("SIP/2.0 4"));
        assertTrue(send((good.replace("\r\n\r\n", "\r\n") + "X-Pad: " + "a".repeat(40_000) + "\r\n\r\n")).startsWith("SIP/2.0 513"));
        // a request of a transaction seen already gets that transaction's answer (RFC 3261 §17.2.3)
        assertTrue(send(good).startsWith("SIP/2.0 4"));
        assertTrue(send(register("alice", 2, "<sip:alice@10.0.0.7>", "")).startsWith("SIP/2.0 401"), "the engine still answers good requests");
        assertFalse(engine.stats().snapshot().get("malformed") == 0);
    }

    @Test
    void severalThreadsAnswerEveryRequestAndEachRegistrationIsOnDiskBeforeIts200() throws Exception {
        List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        DatagramSender collecting = (payload, target) -> answers.add(StandardCharsets.UTF_8.decode(payload).toString());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 50; i++)
                    engine.handle(new Inbound(register("alice", thread * 100 + i + 1, "<sip:alice@10.0.0.7>", "")
                            .replace("call-alice", "call-" + thread).getBytes(StandardCharsets.UTF_8), PHONE, collecting));
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join(10_000);
        assertEquals(200, answers.size());
        assertTrue(answers.stream().allMatch(s -> s.startsWith("SIP/2.0 401")));
        // a 200 OK is sent only once its binding is in the journal: each answer sees its own line there
        answers.clear();
        DatagramSender checking = (payload, target) -> {
            try {
                String journal = java.nio.file.Files.readString(data.resolve("bindings"));
                answers.add(StandardCharsets.UTF_8.decode(payload).toString() + (journal.contains("10.0.0.7") ? "" : "NOT ON DISK"));
            } catch (IOException e) {
                answers.add(e.toString());
            }
        };
        String challenge = send(register("alice", 1000, "<sip:alice@10.0.0.7>", ""));
        Matcher m = NONCE.matcher(challenge);
        assertTrue(m.find());
        engine.handle(new Inbound(register("alice", 1001, "<sip:alice@10.0.0.7>",
                authorization("alice", "alice-secret-1", "MD5", m.group(1), "00000001")).getBytes(StandardCharsets.UTF_8), PHONE, checking));
        assertTrue(engine.flush(10_000));
        assertEquals(1, answers.size());
        assertTrue(answers.get(0).startsWith("SIP/2.0 200") && !answers.get(0).endsWith("NOT ON DISK"), answers.get(0));
    }

    @Test
    void aRetransmissionGetsTheSameAnswerButAReplayInANewTransactionDoesNot() throws Exception {
        String challenge = send(register("alice", 1, "<sip:alice@10.0.0.7>", ""));
        Matcher m = NONCE.matcher(challenge);
        assertTrue(m.find());
        String authenticated = register("alice", 2, "<sip:alice@10.0.0.7>",
                authorization("alice", "alice-secret-1", "MD5", m.group(1), "00000001"));
        String first = send(authenticated);
        assertTrue(first.startsWith("SIP/2.0 200"), first);
        assertEquals(first, send(authenticated), "the retransmission is answered with the same response");
        String replay = send(authenticated.replace("branch=z9hG4bKalice2", "branch=z9hG4bKreplayed"));
        assertTrue(replay.startsWith("SIP/2.0 403"), replay);
    }

    @Test
    void aSourceSendingMoreThanTheFloodLimitIsIgnoredForTheBlockTimeButLoopbackNever() throws Exception {
        engine.close();
        engine = engine(Map.of("flood.requests.per.second", "5", "flood.block.seconds", "60"));
        InetSocketAddress flooder = new InetSocketAddress("192.0.2.66", 5060);
        for (int i = 1; i <= 5; i++)
            assertTrue(send(register("alice", i, "<sip:alice@10.0.0.7>", "").getBytes(StandardCharsets.UTF_8), flooder).startsWith("SIP/2.0 401"));
        assertEquals(null, send(register("alice", 6, "<sip:alice@10.0.0.7>", "").getBytes(StandardCharsets.UTF_8), flooder));
        clock.addAndGet(30_000);
        assertEquals(null, send(register("alice", 7, "<sip:alice@10.0.0.7>", "").getBytes(StandardCharsets.UTF_8), flooder),
                "still blocked within the block time");
        assertTrue(send(register("alice", 8, "<sip:alice@10.0.0.7>", "")).startsWith("SIP/2.0 401"), "other sources are answered");
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 5090);
        for (int i = 0; i < 50; i++)
            assertTrue(send(register("alice", 100 + i, "<sip:alice@127.0.0.1>", "").getBytes(StandardCharsets.UTF_8), local).startsWith("SIP/2.0 401"));
        clock.addAndGet(31_000);
        assertTrue(send(register("alice", 9, "<sip:alice@10.0.0.7>", "").getBytes(StandardCharsets.UTF_8), flooder).startsWith("SIP/2.0 401"),
                "answered again once the block time is over");
        assertEquals(2, engine.stats().snapshot().get("flooding sources (dropped)"));
    }
}
