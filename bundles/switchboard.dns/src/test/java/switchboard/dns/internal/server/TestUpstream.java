package switchboard.dns.internal.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A small upstream DNS server on loopback for forwarding tests: {@code *.example.net} A answers with
 * TTL 120 and address {@code answer}, NXDOMAIN (SOA TTL 3600, minimum 60) for names starting with
 * {@code nx}, {@value #BIG_TXT} TXT records for names starting with {@code big} (more than fits a UDP
 * answer: truncated there, whole over TCP on the same port); or, when silent, no answer at all. Counts
 * the queries it receives, and those over TCP.
 */
final class TestUpstream implements AutoCloseable {
    static final int BIG_TXT = 40;
    private final DatagramSocket socket;
    private final ServerSocket tcp;
    private final Thread thread;
    private final Thread tcpThread;
    private final boolean silent;
    private final String answer;
    final AtomicInteger queries = new AtomicInteger();
    final AtomicInteger tcpQueries = new AtomicInteger();

    TestUpstream(boolean silent, String answer) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.silent = silent;
        this.answer = answer;
        this.tcp = new ServerSocket(socket.getLocalPort(), 10, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "test-upstream");
        thread.setDaemon(true);
        thread.start();
        this.tcpThread = new Thread(this::serveTcp, "test-upstream-tcp");
        tcpThread.setDaemon(true);
        tcpThread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                queries.incrementAndGet();
                if (silent) continue;
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] reply = reply(query).toWire(query.getOPT() == null ? 512 : query.getOPT().getPayloadSize());
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                // a malformed query: no answer
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket client = tcp.accept()) {
                client.setSoTimeout(5000);
                DataInputStream in = new DataInputStream(client.getInputStream());
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                tcpQueries.incrementAndGet();
                byte[] reply = reply(new Message(query)).toWire();
                DataOutputStream out = new DataOutputStream(client.getOutputStream());
                out.writeShort(reply.length);
                out.write(reply);
            } catch (IOException e) {
                // closed, or a client that went away
            }
        }
    }

    private Message reply(Message query) throws IOException {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RA);
        Record q = query.getQuestion();
        reply.addRecord(q, Section.QUESTION);
        Name zone = Name.fromString("example.net.");
        if (q.getName().getLabelString(0).startsWith("nx")) {
            reply.getHeader().setRcode(Rcode.NXDOMAIN);
            reply.addRecord(new SOARecord(zone, DClass.IN, 3600, Name.fromString("ns.example.net."),
                    Name.fromString("admin.example.net."), 1, 3600, 600, 86400, 60), Section.AUTHORITY);
        } else if (q.getName().getLabelString(0).startsWith("big") && q.getType() == Type.TXT) {
            for (int i = 0; i < BIG_TXT; i++)
                reply.addRecord(new TXTRecord(q.getName(), DClass.IN, 120, i + " " + "x".repeat(100)), Section.ANSWER);
        } else if (q.getType() == Type.A) {
            reply.addRecord(new ARecord(q.getName(), DClass.IN, 120, InetAddress.getByName(answer)), Section.ANSWER);
        }
        return reply;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        socket.close();
        tcp.close();
        thread.join(2000);
        tcpThread.join(2000);
    }
}
