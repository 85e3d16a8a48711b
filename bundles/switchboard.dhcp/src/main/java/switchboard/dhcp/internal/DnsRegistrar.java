package switchboard.dhcp.internal;

import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.dns.DynamicHostnames;
import switchboard.api.dns.Registration;

/** Passes host name changes to the DNS bundle while it is there; without it they are skipped. */
final class DnsRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(DnsRegistrar.class);
    private volatile DynamicHostnames dns;

    void bind(DynamicHostnames dns) {
        this.dns = dns;
    }

    void unbind(DynamicHostnames gone) {
        if (dns == gone) dns = null;
    }

    boolean connected() {
        return dns != null;
    }

    void apply(Collection<DnsChange> changes) {
        DynamicHostnames current = dns;
        if (current == null) return;
        for (DnsChange change : changes) {
            try {
                if (change.removal()) {
                    current.unregister(change.clientKey());
                } else {
                    Registration outcome = current.register(change.hostname(), change.address(), change.clientKey());
                    if (outcome != Registration.REGISTERED)
                        LOG.info("host name {} of {} not registered: {}", change.hostname(), change.address().getHostAddress(), outcome);
                }
            } catch (RuntimeException e) {
                LOG.warn("DNS registration of {} failed", change, e); // the DNS bundle may be going away
            }
        }
    }
}
