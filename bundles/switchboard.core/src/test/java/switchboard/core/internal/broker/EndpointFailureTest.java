package switchboard.core.internal.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import switchboard.api.broker.ConnectionHandler;
import switchboard.api.broker.DatagramHandler;
import switchboard.api.broker.Endpoint;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.broker.EndpointStatus.Protocol;
import switchboard.api.config.ConfigProblem;

/** What the broker reports when an endpoint cannot be bound or is badly configured. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EndpointFailureTest {
    private static final DatagramHandler NO_DATAGRAMS = (datagram, sender) -> {
        throw new AssertionError("a failed endpoint delivers nothing");
    };
    private static final ConnectionHandler NO_CONNECTIONS = connection -> {
        throw new AssertionError("a failed endpoint delivers nothing");
    };

    private BrokerHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) harness.close();
    }

    private static int freePort(Protocol protocol) throws IOException {
        return protocol == Protocol.UDP ? BrokerHarness.freeUdpPort() : BrokerHarness.freeTcpPort();
    }

    /** Another socket holding the port, as another program would. */
    private static Closeable occupy(Protocol protocol, int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(BrokerHarness.LOOPBACK, port);
        return protocol == Protocol.UDP ? new DatagramSocket(address) : new ServerSocket(port, 1, BrokerHarness.LOOPBACK);
    }

    private void add(Protocol protocol, Map<String, Object> properties) {
        if (protocol == Protocol.UDP) harness.broker.addDatagramHandler(NO_DATAGRAMS, properties);
        else harness.broker.addConnectionHandler(NO_CONNECTIONS, properties);
    }

    private void remove(Protocol protocol, Map<String, Object> properties) {
        if (protocol == Protocol.UDP) harness.broker.removeDatagramHandler(NO_DATAGRAMS, properties);
        else harness.broker.removeConnectionHandler(NO_CONNECTIONS, properties);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aTakenPortIsReportedAsFailedNamingThePortAndThePid(Protocol protocol) throws IOException {
        harness = new BrokerHarness("taken-" + protocol, freePort(protocol));
        try (Closeable other = occupy(protocol, harness.port)) {
            add(protocol, harness.properties);

            EndpointStatus status = harness.status();
            assertEquals(EndpointStatus.State.FAILED, status.state());
            assertEquals(protocol, status.protocol());
            assertEquals(harness.port, status.port());
            assertTrue(status.detail().contains(String.valueOf(harness.port)), status.detail());
            assertTrue(status.detail().contains(BrokerHarness.ENDPOINT_PID), status.detail());
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void removingTheHandlerOfAFailedEndpointForgetsIt(Protocol protocol) throws IOException {
        harness = new BrokerHarness("forgotten-" + protocol, freePort(protocol));
        try (Closeable other = occupy(protocol, harness.port)) {
            add(protocol, harness.properties);
            remove(protocol, harness.properties);
            assertEquals(List.of(), harness.broker.endpoints());
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"0", "65536", "dns", "", " "})
    void anInvalidPortIsAConfigurationProblemOfThePid(String port) {
        harness = new BrokerHarness("invalid", 0);
        add(Protocol.UDP, BrokerHarness.endpoint("invalid", port));

        assertEquals(List.of(), harness.broker.endpoints());
        List<ConfigProblem> problems = harness.problems.current();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(BrokerHarness.ENDPOINT_PID, problems.get(0).pid());
        assertEquals(Endpoint.PORT, problems.get(0).key());
    }

    @Test
    void anInvalidAddressIsAConfigurationProblemOfThePid() throws IOException {
        harness = new BrokerHarness("invalid", 0);
        Map<String, Object> properties = BrokerHarness.endpoint("invalid", BrokerHarness.freeUdpPort());
        properties.put(Endpoint.ADDRESS, "localhost.example");
        add(Protocol.UDP, properties);

        assertEquals(List.of(), harness.broker.endpoints());
        assertEquals(Endpoint.ADDRESS, harness.problems.current().get(0).key());
    }

    @Test
    void anInvalidBrokerConfigurationIsReportedAndClearedWhenFixed() {
        harness = new BrokerHarness("config", 0);
        harness.configure("handover.timeout", "soon");
        ConfigProblem problem = harness.problems.current().get(0);
        assertEquals(SocketBrokerImpl.PID, problem.pid());
        assertEquals("handover.timeout", problem.key());

        harness.configure("handover.timeout", 5);
        assertEquals(List.of(), harness.problems.current());
    }
}
