package switchboard.wan.internal;

import java.net.Inet4Address;
import java.util.Optional;
import switchboard.api.network.Cidr;

/** What the WAN interface should carry: its address with prefix and the default route through the ISP's router. */
record WanTarget(String interfaceName, Optional<Cidr> address, Optional<Inet4Address> gateway) {}
