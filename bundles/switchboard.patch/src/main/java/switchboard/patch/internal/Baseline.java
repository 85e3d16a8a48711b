package switchboard.patch.internal;

import java.util.Set;
import java.util.TreeSet;
import org.apache.felix.hc.api.HealthCheck;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * What a bundle had running before its update: its satisfied components and its health checks. The
 * version after the update must bring all of them back.
 */
record Baseline(Set<String> components, Set<String> healthChecks) {
    static final Baseline NONE = new Baseline(Set.of(), Set.of());

    static Baseline of(Bundle bundle, ServiceComponentRuntime scr) {
        return new Baseline(runningComponents(bundle, scr), healthChecks(bundle));
    }

    /** Components with a configuration that is satisfied or active. */
    static Set<String> runningComponents(Bundle bundle, ServiceComponentRuntime scr) {
        Set<String> running = new TreeSet<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle))
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(description))
                if (c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED) running.add(description.name);
        return running;
    }

    /** The names of the health checks the bundle registers. */
    static Set<String> healthChecks(Bundle bundle) {
        Set<String> names = new TreeSet<>();
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered == null) return names;
        for (ServiceReference<?> ref : registered) {
            if (!(ref.getProperty("objectClass") instanceof String[] classes) || !Set.of(classes).contains(HealthCheck.class.getName())) continue;
            Object name = ref.getProperty(HealthCheck.NAME);
            names.add(name == null ? "service " + ref.getProperty("service.id") : name.toString());
        }
        return names;
    }
}
