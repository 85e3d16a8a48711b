package switchboard.core.internal.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static switchboard.core.internal.broker.BrokerHarness.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import switchboard.api.broker.Datagram;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.broker.EndpointStatus.State;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketBrokerUdpTest {
    private BrokerHarness harness;
    private UdpClient client;

    @BeforeEach
    void start() throws IOException {
        harness = new BrokerHarness("udp-test", BrokerHarness.freeUdpPort());
        client = new UdpClient(harness.port);
    }

    @AfterEach
    void stop() {
        client.close();
        harness.close();
    }

    private void add(RecordingDatagramHandler handler) {
        harness.broker.addDatagramHandler(handler, harness.properties);
    }

    private void remove(RecordingDatagramHandler handler) {
        harness.broker.removeDatagramHandler(handler, harness.properties);
    }

    /** Registers a handler and proves it is served: one datagram through it. */
    private RecordingDatagramHandler addServed() throws IOException {
        RecordingDatagramHandler handler = new RecordingDatagramHandler();
        add(handler);
        client.send("first");
        await("the first datagram is handled", () -> handler.received.contains("first"));
        return handler;
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) texts.add(prefix + i);
        return texts;
    }

    private void sendAll(List<String> texts) throws IOException {
        for (String text : texts) client.send(text);
    }

    @Test
    void handlerGetsTheDatagramAndRepliesFromTheEndpointsPort() throws IOException {
        RecordingDatagramHandler handler = RecordingDatagramHandler.echoing();
        add(handler);

        client.send("ping");

        assertEquals("echo:ping", client.receive());
        assertEquals(harness.port, client.replyPort);
        Datagram datagram = handler.datagrams.get(0);
        assertEquals(client.socket.getLocalSocketAddress(), datagram.source());
        assertEquals(new InetSocketAddress(BrokerHarness.LOOPBACK, harness.port), datagram.local());
        EndpointStatus status = harness.status();
        assertEquals(State.SERVING, status.state());
        assertEquals(EndpointStatus.Protocol.UDP, status.protocol());
        assertEquals(1, status.handled());
    }

    @Test
    void datagramsArrivingDuringAHandoverGoToTheNextHandlerInOrder() throws IOException {
        RecordingDatagramHandler old = addServed();
        remove(old);
        assertEquals(State.WAITING, harness.status().state(), "the socket stays bound without a handler");
        List<String> sent = numbered("held-", 50);

        sendAll(sent);
        await("all datagrams are queued", () -> harness.status().queued() == sent.size());
        RecordingDatagramHandler next = new RecordingDatagramHandler();
        add(next);

        assertEquals(sent, next.received);
        assertEquals(List.of("first"), old.received);
        EndpointStatus status = harness.status();
        assertEquals(State.SERVING, status.state());
        assertEquals(sent.size(), status.queued());
        assertEquals(0, status.dropped());
        assertEquals(sent.size() + 1, status.handled());
    }

    @Test
    void aFullHandoverQueueDropsTheRest() throws IOException {
        int queueSize = 5;
        harness.configure("handover.queue", queueSize);
        remove(addServed());
        List<String> sent = numbered("burst-", 12);

        sendAll(sent);
        await("every datagram is queued or dropped", () -> harness.status().queued() + harness.status().dropped() == sent.size());
        RecordingDatagramHandler next = new RecordingDatagramHandler();
        add(next);

        assertEquals(queueSize, harness.status().queued());
        assertEquals(sent.size() - queueSize, harness.status().dropped());
        assertEquals(sent.subList(0, queueSize), next.received, "the first arrivals are kept");
    }

    @Test
    void theNewestHandlerServesAndTheOlderOneTakesOverWhenItGoes() throws IOException {
        RecordingDatagramHandler older = addServed();
        RecordingDatagramHandler newer = new RecordingDatagramHandler();
        add(newer);

        client.send("to-newer");
        await("the newer handler gets it", () -> newer.received.contains("to-newer"));
        remove(newer);
        client.send("to-older");
        await("the older handler gets it", () -> older.received.contains("to-older"));

        assertEquals(List.of("first", "to-older"), older.received);
        assertEquals(List.of("to-newer"), newer.received);
        assertEquals(State.SERVING, harness.status().state());
    }

    @Test
    void theSocketIsReleasedWhenNoHandlerComesBackInTime() throws IOException {
        harness.configure("handover.timeout", 1);
        remove(addServed());
        assertEquals(State.WAITING, harness.status().state());

        await("the endpoint is released", () -> harness.find().isEmpty());
        await("the port can be bound again", () -> BrokerHarness.udpPortFree(harness.port));
    }

    @Test
    void aHandlerAfterTheReleaseBindsTheSocketAgain() throws IOException {
        harness.configure("handover.timeout", 1);
        remove(addServed());
        await("the endpoint is released", () -> harness.find().isEmpty());
        await("the old socket is closed", () -> BrokerHarness.udpPortFree(harness.port));

        RecordingDatagramHandler later = RecordingDatagramHandler.echoing();
        add(later);
        client.send("again");

        assertEquals("echo:again", client.receive());
        assertEquals(State.SERVING, harness.status().state());
    }
}
