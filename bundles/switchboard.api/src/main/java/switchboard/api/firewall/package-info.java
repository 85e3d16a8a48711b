/** The firewall's ban set: capabilities that throttle logins (mail, SIP) ban abusive addresses through it. */
@Export
@Version("1.0.0")
package switchboard.api.firewall;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
