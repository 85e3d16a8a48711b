package switchboard.api.broker;

/**
 * Service properties a handler carries to say which endpoint it serves. The broker binds the socket
 * when the first handler for it appears and keeps it bound while handlers come and go.
 */
public final class Endpoint {
    /** Short name shown in status and metrics, e.g. {@code dns}. */
    public static final String NAME = "switchboard.endpoint.name";
    /** Local address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}. */
    public static final String ADDRESS = "switchboard.endpoint.address";
    /** Local port to bind. */
    public static final String PORT = "switchboard.endpoint.port";
    /** The configuration PID that sets address and port, named in error messages. */
    public static final String PID = "switchboard.endpoint.pid";
    /**
     * Optional: the network interface (e.g. {@code eth1}) a UDP socket is tied to, so broadcasts are
     * received from and sent out of that interface only (Linux {@code SO_BINDTODEVICE}, broadcast
     * allowed). Used with address {@code 0.0.0.0} by DHCP; the socket's arrivals all came in on it.
     */
    public static final String INTERFACE = "switchboard.endpoint.interface";

    private Endpoint() {}
}
