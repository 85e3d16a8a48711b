package switchboard.itest;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import switchboard.api.broker.DatagramHandler;
import switchboard.api.broker.Endpoint;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.broker.SocketBroker;
import switchboard.itest.echo.EchoHandler;

/**
 * An echo capability as an admin runs it: its configuration in {@code etc/<name>.cfg} (UDP port on
 * 127.0.0.1, reply prefix), its bundle in {@code deploy/<name>.jar}, patched by overwriting that file.
 */
final class EchoDeployment {
    static final Version V1 = new Version(1, 0, 0);
    static final Version V2 = new Version(1, 0, 1);

    private final BundleContext context;
    private final TestHome home;
    private final String name;
    private final int port = FreePort.udp();
    private final String prefix;

    EchoDeployment(BundleContext context, String name) {
        this.context = context;
        this.home = TestHome.of(context);
        this.name = name;
        this.prefix = "from-" + name;
    }

    int port() {
        return port;
    }

    String pid() {
        return name;
    }

    /** @return the first word of every reply, as configured */
    String prefix() {
        return prefix;
    }

    void configure() {
        home.writeConfig(pid(), Endpoint.ADDRESS + " = 127.0.0.1\n" + Endpoint.PORT + " = " + port + "\n"
                + EchoHandler.PREFIX + " = " + prefix + "\n");
    }

    /** Writes the bundle of that version to {@code deploy/}, over the earlier one; returns once its handler serves. */
    Bundle deploy(Version version) {
        home.deploy(name + ".jar", EchoBundle.jar(name, version));
        Bundle bundle = Await.until(name + " " + version + " registers its handler",
                () -> Optional.ofNullable(handler()).map(ServiceReference::getBundle).orElse(null),
                registeredBy -> version.equals(registeredBy.getVersion()));
        Await.until("the broker serves " + name + " on port " + port, () -> endpoint().map(EndpointStatus::state),
                state -> state.equals(Optional.of(EndpointStatus.State.SERVING)));
        return bundle;
    }

    /** Sends {@code count} datagrams from a new client and waits for their answers until the deadline. */
    EchoReplies exchange(int count, Duration deadline) throws IOException, InterruptedException {
        try (EchoClient client = new EchoClient(port)) {
            return client.exchange(count, deadline);
        }
    }

    /** @return the registered handler, or null */
    ServiceReference<DatagramHandler> handler() {
        try {
            return context.getServiceReferences(DatagramHandler.class, "(" + Endpoint.NAME + "=" + name + ")").stream()
                    .findFirst().orElse(null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    /** The broker's view of this capability's endpoint; empty while there is no broker (core being updated). */
    Optional<EndpointStatus> endpoint() {
        ServiceReference<SocketBroker> reference = context.getServiceReference(SocketBroker.class);
        SocketBroker broker = reference == null ? null : context.getService(reference);
        if (broker == null) return Optional.empty();
        try {
            return broker.endpoints().stream().filter(e -> e.name().equals(name)).findFirst();
        } finally {
            context.ungetService(reference);
        }
    }
}
