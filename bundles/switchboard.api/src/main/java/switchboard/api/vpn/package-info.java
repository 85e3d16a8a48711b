/** The VPN tunnel as other capabilities see it: its interface and WAN port, for the firewall. */
@Export
@Version("1.0.0")
package switchboard.api.vpn;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
