/** Configuration problems reported by components that keep their last good configuration. */
@Export
@Version("1.0.0")
package switchboard.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
