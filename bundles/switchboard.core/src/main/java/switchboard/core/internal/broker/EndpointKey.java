package switchboard.core.internal.broker;

import java.net.InetSocketAddress;
import java.util.Map;
import switchboard.api.broker.Endpoint;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;

/**
 * Local address, port and optional interface (empty: any) of an endpoint, read from a handler's
 * service properties.
 */
record EndpointKey(String address, int port, String interfaceName) {
    private static final int MAX_INTERFACE_NAME = 15;

    EndpointKey(String address, int port) {
        this(address, port, "");
    }

    static EndpointKey of(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        String address = v.string(Endpoint.ADDRESS, "127.0.0.1");
        if (!address.equals("0.0.0.0")) v.parsed(Endpoint.ADDRESS, address, Cidr::parseIpv4);
        int port = v.integer(Endpoint.PORT, 0, 1, 65535);
        if (port == 0) throw new InvalidConfigurationException(Endpoint.PORT, "no port given");
        String device = v.string(Endpoint.INTERFACE, "");
        if (device.length() > MAX_INTERFACE_NAME || !device.chars().allMatch(c -> c > ' ' && c < 127 && c != '/' && c != ':'))
            throw new InvalidConfigurationException(Endpoint.INTERFACE, "'" + device + "' is not a network interface name");
        return new EndpointKey(address, port, device);
    }

    /** The address as status shows it, with the interface when there is one: {@code 0.0.0.0%eth1}. */
    String statusAddress() {
        return interfaceName.isEmpty() ? address : address + "%" + interfaceName;
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        return statusAddress() + ":" + port;
    }
}
