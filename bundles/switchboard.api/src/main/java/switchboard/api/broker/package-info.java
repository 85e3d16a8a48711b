/** The socket broker: endpoints owned by core, handlers contributed by capability bundles. */
@Export
@Version("1.2.0")
package switchboard.api.broker;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
