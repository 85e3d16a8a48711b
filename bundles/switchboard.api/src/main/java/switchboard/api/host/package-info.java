/** The host adapter: the only way Switchboard changes the host (ip, nft, sysctl, wg). */
@Export
@Version("1.1.0")
package switchboard.api.host;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
