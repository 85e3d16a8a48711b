package switchboard.mail.internal.net;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import switchboard.api.broker.ConnectionHandler;
import switchboard.api.broker.Endpoint;

/** The mail server's connection handlers on the core socket broker's whiteboard. */
public final class EndpointRegistrations {
    private final BundleContext context;
    private final String pid;
    private final List<ServiceRegistration<ConnectionHandler>> registrations = new ArrayList<>();

    public EndpointRegistrations(BundleContext context, String pid) {
        this.context = context;
        this.pid = pid;
    }

    public void register(String name, String address, int port, ConnectionHandler handler) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Endpoint.NAME, name);
        properties.put(Endpoint.ADDRESS, address);
        properties.put(Endpoint.PORT, port);
        properties.put(Endpoint.PID, pid);
        registrations.add(context.registerService(ConnectionHandler.class, handler, properties));
    }

    /** Gives the endpoints back to the broker, which holds new connections for the next handler. */
    public void unregisterAll() {
        for (ServiceRegistration<ConnectionHandler> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // the bundle is stopping and the framework unregistered it already
            }
        }
        registrations.clear();
    }
}
