package switchboard.core.internal.broker;

import java.net.InetSocketAddress;
import java.util.Map;
import switchboard.api.broker.Endpoint;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;

/** Local address and port of an endpoint, read from a handler's service properties. */
record EndpointKey(String address, int port) {

    static EndpointKey of(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        String address = v.string(Endpoint.ADDRESS, "127.0.0.1");
        if (!address.equals("0.0.0.0")) v.parsed(Endpoint.ADDRESS, address, Cidr::parseIpv4);
        int port = v.integer(Endpoint.PORT, 0, 1, 65535);
        if (port == 0) throw new InvalidConfigurationException(Endpoint.PORT, "no port given");
        return new EndpointKey(address, port);
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        return address + ":" + port;
    }
}
