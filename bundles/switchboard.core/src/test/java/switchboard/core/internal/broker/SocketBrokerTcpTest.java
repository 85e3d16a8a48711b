package switchboard.core.internal.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import switchboard.api.broker.ConnectionHandler;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.broker.EndpointStatus.State;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketBrokerTcpTest {
    private BrokerHarness harness;
    private final List<Socket> sockets = new ArrayList<>();

    /** Takes each accepted connection and leaves the session to the test. */
    private static final class QueueingHandler implements ConnectionHandler {
        final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();

        @Override
        public void accept(Socket connection) {
            accepted.add(connection);
        }

        Socket next() throws InterruptedException {
            Socket s = accepted.poll(BrokerHarness.WAIT_MILLIS, TimeUnit.MILLISECONDS);
            assertNotNull(s, "no connection handed over within " + BrokerHarness.WAIT_MILLIS + " ms");
            return s;
        }
    }

    @BeforeEach
    void start() throws IOException {
        harness = new BrokerHarness("tcp-test", BrokerHarness.freeTcpPort());
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) s.close();
        harness.close();
    }

    private QueueingHandler add() {
        QueueingHandler handler = new QueueingHandler();
        harness.broker.addConnectionHandler(handler, harness.properties);
        return handler;
    }

    private void remove(QueueingHandler handler) {
        harness.broker.removeConnectionHandler(handler, harness.properties);
    }

    private Socket track(Socket socket) throws IOException {
        sockets.add(socket);
        socket.setSoTimeout((int) BrokerHarness.WAIT_MILLIS);
        return socket;
    }

    private Socket connect() throws IOException {
        return track(new Socket(BrokerHarness.LOOPBACK, harness.port));
    }

    private static void writeLine(Socket socket, String line) throws IOException {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), true);
        out.println(line);
    }

    private static String readLine(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void handlerGetsTheConnection() throws Exception {
        QueueingHandler handler = add();
        Socket client = connect();

        Socket served = track(handler.next());
        writeLine(client, "hello");
        assertEquals("hello", readLine(served));
        writeLine(served, "welcome");
        assertEquals("welcome", readLine(client));

        assertEquals(client.getLocalPort(), served.getPort());
        EndpointStatus status = harness.status();
        assertEquals(EndpointStatus.Protocol.TCP, status.protocol());
        assertEquals(State.SERVING, status.state());
        assertEquals(1, status.handled());
    }

    @Test
    void connectionsMadeWithoutAHandlerGoToTheNextOne() throws Exception {
        QueueingHandler old = add();
        remove(old);
        assertEquals(State.WAITING, harness.status().state());
        Set<String> greetings = new HashSet<>();
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket client = connect();
            String greeting = "client-" + i;
            writeLine(client, greeting);
            greetings.add(greeting);
            clients.add(client);
        }

        QueueingHandler next = add();

        Set<String> heard = new HashSet<>();
        for (int i = 0; i < clients.size(); i++) {
            Socket served = track(next.next());
            String line = readLine(served);
            heard.add(line);
            writeLine(served, "served " + line);
        }
        assertEquals(greetings, heard);
        for (int i = 0; i < clients.size(); i++) assertEquals("served client-" + i, readLine(clients.get(i)));
        assertEquals(0, old.accepted.size());
        EndpointStatus status = harness.status();
        assertEquals(clients.size(), status.handled());
        assertEquals(0, status.dropped());
    }

    @Test
    void theListeningSocketIsReleasedWhenNoHandlerComesBackInTime() throws Exception {
        harness.configure("handover.timeout", 1);
        remove(add());

        BrokerHarness.await("the endpoint is released", () -> harness.find().isEmpty());
        BrokerHarness.await("the port can be bound again", () -> BrokerHarness.tcpPortFree(harness.port));
    }
}
