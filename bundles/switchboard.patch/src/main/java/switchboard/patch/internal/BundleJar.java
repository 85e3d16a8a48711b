package switchboard.patch.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Version;

/** What a patch file says about itself: symbolic name, version and the packages it imports. */
record BundleJar(Path file, String symbolicName, Version version, List<PackageImport> imports, Map<String, Version> exports) {

    static BundleJar read(Path file) throws PatchRefusedException {
        if (!Files.isRegularFile(file)) throw new PatchRefusedException(file + " is not a file");
        Manifest manifest;
        try (JarFile jar = new JarFile(file.toFile())) {
            manifest = jar.getManifest();
        } catch (IOException | SecurityException e) {
            throw new PatchRefusedException(file.getFileName() + " is not a readable jar: " + e.getMessage());
        }
        if (manifest == null) throw new PatchRefusedException(file.getFileName() + " has no manifest: not a bundle");
        Attributes main = manifest.getMainAttributes();
        String bsn = main.getValue("Bundle-SymbolicName");
        if (bsn == null || bsn.isBlank()) throw new PatchRefusedException(file.getFileName() + " has no Bundle-SymbolicName: not a bundle");
        try {
            String name = ManifestHeader.parse(bsn).get(0).names().get(0);
            Version version = Version.parseVersion(main.getValue("Bundle-Version"));
            return new BundleJar(file, name, version, PackageImport.parse(main.getValue("Import-Package")),
                    exports(main.getValue("Export-Package")));
        } catch (IllegalArgumentException e) {
            throw new PatchRefusedException(file.getFileName() + ": malformed manifest: " + e.getMessage());
        }
    }

    private static Map<String, Version> exports(String header) {
        Map<String, Version> exports = new LinkedHashMap<>();
        for (ManifestHeader.Clause clause : ManifestHeader.parse(header)) {
            Version version = Version.parseVersion(clause.attributes().get("version"));
            for (String name : clause.names()) exports.put(name, version);
        }
        return exports;
    }
}
