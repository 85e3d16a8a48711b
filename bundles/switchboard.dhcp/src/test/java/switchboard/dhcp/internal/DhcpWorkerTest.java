package switchboard.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import switchboard.api.broker.DatagramSender;
import switchboard.api.dhcp.DhcpCodec;
import switchboard.api.dhcp.DhcpMessage;
import switchboard.api.dhcp.MalformedMessageException;
import switchboard.api.dhcp.MessageType;
import switchboard.api.dns.DynamicHostnames;
import switchboard.api.dns.Registration;

/** The worker thread end to end: decoded messages in, encoded answers out, journal and DNS in between. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DhcpWorkerTest {
    @TempDir
    Path dir;
    private final DnsRegistrar dns = new DnsRegistrar();
    private final BlockingQueue<DhcpMessage> sent = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> journalAtAck = new LinkedBlockingQueue<>();
    private DhcpWorker worker;

    /** Records every answer and, for ACKs, what the journal on disk held when it went out. */
    private final DatagramSender sender = (ByteBuffer payload, InetSocketAddress target) -> {
        DhcpMessage m;
        try {
            m = DhcpCodec.decode(payload);
        } catch (MalformedMessageException e) {
            throw new IOException("the server sent a malformed message", e);
        }
        if (m.options().messageType().orElseThrow() == MessageType.ACK)
            journalAtAck.add(Files.readString(dir.resolve(LeaseJournal.FILE_NAME), StandardCharsets.UTF_8));
        sent.add(m);
    };

    /** The DNS bundle's contract, kept in a map. */
    private static final class HostnamesInMemory implements DynamicHostnames {
        final Map<String, String> names = new ConcurrentHashMap<>();

        @Override
        public Registration register(String hostname, Inet4Address address, String clientId) {
            names.put(clientId, hostname);
            return Registration.REGISTERED;
        }

        @Override
        public void unregister(String clientId) {
            names.remove(clientId);
        }

        @Override
        public Map<String, String> registrations() {
            return Map.copyOf(names);
        }
    }

    @BeforeEach
    void start() throws Exception {
        worker = startWorker();
    }

    @AfterEach
    void stop() {
        worker.stop();
    }

    private DhcpWorker startWorker() throws Exception {
        DhcpWorker w = new DhcpWorker(dir, new DhcpStats(), dns);
        w.plan(Clients.plan(List.of()), Optional.empty());
        w.start();
        return w;
    }

    private DhcpMessage exchange(DhcpMessage request) throws InterruptedException {
        assertTrue(worker.submit(new DhcpWorker.Inbound(request, sender)));
        DhcpMessage answer = sent.poll(10, TimeUnit.SECONDS);
        assertTrue(answer != null, "an answer to " + request);
        return answer;
    }

    private Inet4Address lease(int client, String hostname) throws InterruptedException {
        Inet4Address offered = exchange(Clients.discover(client)).yiaddr();
        DhcpMessage ack = exchange(Clients.select(client, offered, hostname));
        assertEquals(MessageType.ACK, ack.options().messageType().orElseThrow());
        return ack.yiaddr();
    }

    @Test
    void theAckLeavesOnlyOnceItsLeaseIsInTheJournal() throws Exception {
        Inet4Address a = lease(1, "pc1");
        String onDisk = journalAtAck.poll(1, TimeUnit.SECONDS);
        assertTrue(onDisk.contains(" " + a.getHostAddress() + " ") && onDisk.contains(" pc1\n"), onDisk);
    }

    @Test
    void hostnamesFollowAckReleaseAndALateDnsBundle() throws Exception {
        Inet4Address a = lease(1, "pc1");
        lease(2, "pc2");
        HostnamesInMemory hostnames = new HostnamesInMemory();
        dns.bind(hostnames);
        worker.registerAllHostnames();
        assertEquals(Map.of("hw:02:00:5e:00:00:01", "pc1", "hw:02:00:5e:00:00:02", "pc2"), hostnames.registrations(),
                "a DNS bundle starting after the leases learns them all");

        lease(3, "pc3");
        awaitTrue("pc3 registered (just after its ACK)", () -> "pc3".equals(hostnames.names.get("hw:02:00:5e:00:00:03")));
        assertTrue(worker.release(a).isPresent());
        assertEquals(Map.of("hw:02:00:5e:00:00:02", "pc2", "hw:02:00:5e:00:00:03", "pc3"), hostnames.registrations());
        dns.unbind(hostnames);
        lease(4, "pc4");
        assertTrue(hostnames.names.get("hw:02:00:5e:00:00:04") == null, "nothing reaches a DNS bundle that is gone");
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited 5 s for " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void leasesSurviveARestartOfTheWorker() throws Exception {
        Inet4Address a = lease(1, null);
        worker.stop();
        worker = startWorker();
        assertEquals(a, exchange(Clients.discover(1)).yiaddr(), "the client is offered its address again");
        Inet4Address other = exchange(Clients.discover(2)).yiaddr();
        assertTrue(!other.equals(a), "a new client is not offered the leased address");
        assertEquals(1, worker.leases().stream().filter(l -> l.state() == Lease.State.BOUND).count());
    }
}
