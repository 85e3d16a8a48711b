/**
 * DHCPv4 messages (RFC 2131/2132) and their wire codec, shared by the LAN DHCP server and the WAN
 * DHCP client.
 */
@Export
@Version("1.0.0")
package switchboard.api.dhcp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
