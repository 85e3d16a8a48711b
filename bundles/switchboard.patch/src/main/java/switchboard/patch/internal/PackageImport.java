package switchboard.patch.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.VersionRange;

/** One package of an {@code Import-Package} header. */
record PackageImport(String name, VersionRange range, boolean optional) {
    private static final VersionRange ANY = new VersionRange("0.0.0");

    /** @throws IllegalArgumentException when the header or a version range does not parse */
    static List<PackageImport> parse(String header) {
        List<PackageImport> imports = new ArrayList<>();
        for (ManifestHeader.Clause clause : ManifestHeader.parse(header)) {
            String version = clause.attributes().get("version");
            VersionRange range = version == null ? ANY : VersionRange.valueOf(version);
            boolean optional = "optional".equals(clause.directives().get("resolution"));
            for (String name : clause.names()) imports.add(new PackageImport(name, range, optional));
        }
        return imports;
    }

    @Override
    public String toString() {
        return name + ";version=\"" + range + "\"";
    }
}
