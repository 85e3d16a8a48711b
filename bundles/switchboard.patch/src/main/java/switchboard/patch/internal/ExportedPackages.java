package switchboard.patch.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;

/** The packages the running system exports, by name, with their versions: what a patch's imports can wire to. */
final class ExportedPackages {
    private final Map<String, List<Version>> versionsByName;

    ExportedPackages(Map<String, List<Version>> versionsByName) {
        this.versionsByName = versionsByName;
    }

    /** The exports of every resolved bundle's current wiring (the system bundle's included). */
    static ExportedPackages of(BundleContext context) {
        Map<String, List<Version>> exports = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (wiring == null) continue;
            for (BundleCapability capability : wiring.getCapabilities(BundleRevision.PACKAGE_NAMESPACE)) {
                Map<String, Object> attributes = capability.getAttributes();
                Object version = attributes.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
                exports.computeIfAbsent((String) attributes.get(PackageNamespace.PACKAGE_NAMESPACE), n -> new ArrayList<>())
                        .add(version instanceof Version v ? v : Version.emptyVersion);
            }
        }
        return new ExportedPackages(exports);
    }

    /** The mandatory imports that neither the running exports nor the patch's own exports satisfy. */
    List<PackageImport> unsatisfied(List<PackageImport> imports, Map<String, Version> ownExports) {
        List<PackageImport> missing = new ArrayList<>();
        for (PackageImport i : imports) {
            if (i.optional() || (ownExports.containsKey(i.name()) && i.range().includes(ownExports.get(i.name())))) continue;
            if (versionsByName.getOrDefault(i.name(), List.of()).stream().noneMatch(i.range()::includes)) missing.add(i);
        }
        return missing;
    }
}
