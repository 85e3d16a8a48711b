/** The user directory: office users, their credentials and login throttling. */
@Export
@Version("1.3.0")
package switchboard.api.accounts;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
