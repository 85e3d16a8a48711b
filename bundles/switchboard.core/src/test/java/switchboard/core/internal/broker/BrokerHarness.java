package switchboard.core.internal.broker;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import switchboard.api.broker.Endpoint;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.network.Cidr;
import switchboard.core.internal.ConfigMaps;
import switchboard.core.internal.config.ConfigProblemsImpl;

/** A real socket broker on loopback, with the service properties a handler carries and bounded waits. */
final class BrokerHarness implements AutoCloseable {
    /** Explicitly IPv4: tests talk to 127.0.0.1 only. */
    static final InetAddress LOOPBACK = Cidr.parseIpv4("127.0.0.1");
    static final String ENDPOINT_PID = "switchboard.test";
    static final long WAIT_MILLIS = 5_000;

    final ConfigProblemsImpl problems = new ConfigProblemsImpl();
    final SocketBrokerImpl broker;
    final String name;
    final int port;
    final Map<String, Object> properties;

    BrokerHarness(String name, int port) {
        this.broker = new SocketBrokerImpl(problems, ConfigMaps.properties());
        this.name = name;
        this.port = port;
        this.properties = endpoint(name, port);
    }

    /** The properties of a handler serving {@code name} on 127.0.0.1:{@code port}. */
    static Map<String, Object> endpoint(String name, Object port) {
        return ConfigMaps.properties(Endpoint.NAME, name, Endpoint.ADDRESS, LOOPBACK.getHostAddress(),
                Endpoint.PORT, port, Endpoint.PID, ENDPOINT_PID);
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            return s.getLocalPort();
        }
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    /** True if another socket could bind the UDP port now (i.e. the broker has let it go). */
    static boolean udpPortFree(int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean tcpPortFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, LOOPBACK)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void configure(Object... keysAndValues) {
        broker.modified(ConfigMaps.properties(keysAndValues));
    }

    Optional<EndpointStatus> find() {
        return broker.endpoints().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    EndpointStatus status() {
        return find().orElseThrow(() -> new AssertionError("no endpoint " + name + " in " + broker.endpoints()));
    }

    /** Polls until {@code condition} holds, failing after {@value #WAIT_MILLIS} ms. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) fail("not within " + WAIT_MILLIS + " ms: " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting: " + what);
            }
        }
        assertTrue(condition.getAsBoolean());
    }

    @Override
    public void close() {
        broker.deactivate();
    }
}
