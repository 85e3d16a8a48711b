/** The office network model: LAN and WAN settings and the network mode, with change notification. */
@Export
@Version("1.0.0")
package switchboard.api.network;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
