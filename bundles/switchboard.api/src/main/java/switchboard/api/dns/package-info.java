/** DNS names other capabilities publish: DHCP clients' host names registered in the office zone. */
@Export
@Version("1.0.0")
package switchboard.api.dns;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
