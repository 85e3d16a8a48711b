/** Helpers shared by the capabilities' web console pages. */
@Export
@Version("1.1.0")
package switchboard.api.console;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
