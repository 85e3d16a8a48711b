package switchboard.audit.internal.checks;

import java.net.InetSocketAddress;
import java.util.Optional;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.broker.SocketBroker;

/** Where the mail bundle's endpoints can be reached from this box, found by name in the socket broker. */
final class MailEndpoints {
    private MailEndpoints() {}

    static Optional<InetSocketAddress> find(SocketBroker broker, String name) {
        return broker.endpoints().stream()
                .filter(e -> e.name().equals(name) && e.protocol() == EndpointStatus.Protocol.TCP && e.state() == EndpointStatus.State.SERVING)
                .findFirst().map(e -> new InetSocketAddress(e.address().equals("0.0.0.0") ? "127.0.0.1" : e.address(), e.port()));
    }
}
