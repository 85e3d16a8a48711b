package switchboard.dns.internal.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import switchboard.api.broker.ConnectionHandler;
import switchboard.dns.internal.zone.ZoneSnapshot;

/**
 * DNS over TCP (RFC 7766): length-prefixed messages, several per connection, until the client closes
 * or is idle for {@code IDLE_MILLIS}. Zone transfers go to the configured secondaries only.
 */
final class TcpDnsHandler implements ConnectionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TcpDnsHandler.class);
    private static final int IDLE_MILLIS = 10_000;
    private static final long ANSWER_WAIT_MILLIS = 10_000;

    private final WireProtocol protocol;
    private final QueryEngine engine;
    private final Supplier<ZoneSnapshot> zone;
    private final DnsSettings settings;
    private final ExecutorService sessions;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    TcpDnsHandler(WireProtocol protocol, QueryEngine engine, Supplier<ZoneSnapshot> zone, DnsSettings settings, ExecutorService sessions) {
        this.protocol = protocol;
        this.engine = engine;
        this.zone = zone;
        this.settings = settings;
        this.sessions = sessions;
    }

    @Override
    public void accept(Socket connection) throws IOException {
        try {
            open.add(connection);
            sessions.execute(() -> serve(connection));
        } catch (RejectedExecutionException e) {
            open.remove(connection);
            connection.close();
        }
    }

    /** Closes the connections still open, so that their sessions end now. */
    void closeAll() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing {}: {}", s, e.toString());
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(IDLE_MILLIS);
            DataInputStream in = new DataInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                byte[] request = new byte[in.readUnsignedShort()];
                in.readFully(request);
                for (byte[] reply : replies(request, connection)) write(out, reply);
            }
        } catch (EOFException | SocketTimeoutException e) {
            // the client is done, or idle
        } catch (IOException e) {
            LOG.debug("TCP session with {}: {}", connection.getRemoteSocketAddress(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(connection);
        }
    }

    private List<byte[]> replies(byte[] request, Socket connection) throws InterruptedException {
        Optional<Message> transfer = ZoneTransfer.asTransferRequest(request);
        ZoneSnapshot snapshot = zone.get();
        if (transfer.isPresent() && snapshot != null && transfer.get().getQuestion().getName().equals(snapshot.origin())
                && ZoneTransfer.allowed(connection.getInetAddress(), settings.secondaries()))
            // a secondary on the LAN answers LAN clients, so it gets what they see; one outside only the public names
            return ZoneTransfer.messages(transfer.get(), engine.view(snapshot, engine.isInternal(connection.getInetAddress())));
        try {
            byte[] reply = protocol.respond(request, connection.getInetAddress(), true).get(ANSWER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            return reply == null ? List.of() : List.of(reply);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("no answer for a TCP query from {}: {}", connection.getRemoteSocketAddress(), e.toString());
            return List.of();
        }
    }

    private static void write(OutputStream out, byte[] reply) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeShort(reply.length);
        data.write(reply);
        data.flush();
    }
}
