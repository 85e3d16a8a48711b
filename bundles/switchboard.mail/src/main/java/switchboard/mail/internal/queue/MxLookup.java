package switchboard.mail.internal.queue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MX and A lookups (RFC 1035 over UDP) at a configured resolver, Switchboard's own DNS or the
 * forwarders, so that outbound mail follows the office's DNS rather than the host's resolver. A domain
 * without MX records is its own mail exchanger (RFC 5321 §5.1).
 */
public final class MxLookup {
    static final int TYPE_A = 1;
    static final int TYPE_MX = 15;
    private static final int TIMEOUT_MILLIS = 3000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final InetSocketAddress resolver;

    public MxLookup(InetSocketAddress resolver) {
        this.resolver = resolver;
    }

    /** The mail exchangers of the domain, most preferred first. */
    public List<String> exchangers(String domain) throws IOException {
        List<String> hosts = ask(domain, TYPE_MX);
        return hosts.isEmpty() ? List.of(domain) : hosts;
    }

    /** The IPv4 addresses of a host, as text; a literal address is its own answer. */
    public List<String> addresses(String host) throws IOException {
        if (host.matches("[0-9.]+")) return List.of(host);
        return ask(host, TYPE_A);
    }

    private List<String> ask(String name, int type) throws IOException {
        int id = RANDOM.nextInt(0x10000);
        byte[] query = query(id, name, type);
        byte[] answer = new byte[4096];
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.send(new DatagramPacket(query, query.length, resolver));
            DatagramPacket packet = new DatagramPacket(answer, answer.length);
            socket.receive(packet);
            return parse(ByteBuffer.wrap(answer, 0, packet.getLength()), id, type);
        }
    }

    static byte[] query(int id, String domain, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(id >> 8);
        out.write(id);
        out.write(0x01); // recursion desired
        out.write(0);
        out.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 0}); // one question
        for (String label : domain.split("\\.")) {
            byte[] b = label.getBytes(StandardCharsets.US_ASCII);
            if (b.length == 0 || b.length > 63) throw new IllegalArgumentException("not a domain: " + domain);
            out.write(b.length);
            out.writeBytes(b);
        }
        out.writeBytes(new byte[] {0, 0, (byte) type, 0, 1});
        return out.toByteArray();
    }

    /** The answers of the type: MX hosts by preference, or A addresses; throws for a malformed or failed response. */
    static List<String> parse(ByteBuffer m, int id, int wanted) throws IOException {
        try {
            if ((m.getShort(0) & 0xffff) != id) throw new IOException("DNS answer for another query");
            int flags = m.getShort(2) & 0xffff;
            int rcode = flags & 0xf;
            if (rcode == 3) throw new IOException("no such domain (NXDOMAIN)");
            if (rcode != 0) throw new IOException("DNS error, rcode " + rcode);
            int questions = m.getShort(4) & 0xffff;
            int answers = m.getShort(6) & 0xffff;
            m.position(12);
            for (int i = 0; i < questions; i++) {
                name(m);
                m.position(m.position() + 4);
            }
            record Answer(int preference, String value) {}
            List<Answer> found = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                name(m);
                int type = m.getShort() & 0xffff;
                m.getShort(); // class
                m.getInt(); // ttl
                int length = m.getShort() & 0xffff;
                int end = m.position() + length;
                if (end > m.limit()) throw new IOException("truncated DNS record");
                if (type == wanted && type == TYPE_MX) found.add(new Answer(m.getShort() & 0xffff, name(m)));
                if (type == wanted && type == TYPE_A && length == 4)
                    found.add(new Answer(0, (m.get() & 0xff) + "." + (m.get() & 0xff) + "." + (m.get() & 0xff) + "." + (m.get() & 0xff)));
                m.position(end);
            }
            found.sort(Comparator.comparingInt(Answer::preference));
            return found.stream().map(Answer::value).toList();
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException("malformed DNS answer", e);
        }
    }

    /** A possibly compressed name; compression pointers only point backwards, so a loop cannot run forever. */
    private static String name(ByteBuffer m) throws IOException {
        StringBuilder sb = new StringBuilder();
        int resumeAt = -1;
        int limit = m.position();
        for (int length; (length = m.get() & 0xff) != 0; ) {
            if ((length & 0xc0) == 0xc0) {
                int target = ((length & 0x3f) << 8) | (m.get() & 0xff);
                if (target >= limit) throw new IOException("DNS name pointer does not point backwards");
                if (resumeAt < 0) resumeAt = m.position();
                limit = target;
                m.position(target);
                continue;
            }
            if (length > 63) throw new IOException("bad DNS label length " + length);
            byte[] label = new byte[length];
            m.get(label);
            if (sb.length() > 0) sb.append('.');
            sb.append(new String(label, StandardCharsets.US_ASCII));
            if (sb.length() > 255) throw new IOException("DNS name too long");
        }
        if (resumeAt >= 0) m.position(resumeAt);
        return sb.toString();
    }
}
