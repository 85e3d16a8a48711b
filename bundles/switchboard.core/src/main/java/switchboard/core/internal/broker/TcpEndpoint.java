package switchboard.core.internal.broker;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import switchboard.api.broker.ConnectionHandler;
import switchboard.api.broker.EndpointStatus;

/**
 * A listening TCP socket. Connections that arrive while no handler is registered wait in the kernel's
 * accept backlog and the endpoint's queue until the next handler takes them.
 */
final class TcpEndpoint extends BrokeredEndpoint<ConnectionHandler, Socket> {
    private static final int BACKLOG = 256;
    private final ServerSocket server;

    TcpEndpoint(EndpointKey key, String name, HandoverLimits limits, Runnable release) throws IOException {
        super(key, name, limits, release);
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(key.socketAddress(), BACKLOG);
        server.setSoTimeout(POLL_MILLIS);
    }

    @Override
    EndpointStatus.Protocol protocol() {
        return EndpointStatus.Protocol.TCP;
    }

    @Override
    Socket receive() throws IOException {
        if (state() == EndpointStatus.State.WAITING) {
            // leave new connections in the kernel backlog until a handler is back
            try {
                Thread.sleep(POLL_MILLIS / 4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
        try {
            return server.accept();
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    @Override
    void deliver(ConnectionHandler handler, Socket connection) throws Exception {
        handler.accept(connection);
    }

    @Override
    void discard(Socket connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    void closeSocket() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
