package switchboard.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A bundle jar made from a deployed one, as a patch release would be: the same classes with another
 * version, a class left out (a broken build), an import nothing exports, or only a marker entry more.
 */
final class PatchedJar {
    private static final String MARKER = "META-INF/switchboard-patch.txt";
    private final Path source;
    private String version;
    private String symbolicName;
    private String extraImport;
    private String leftOut;

    private PatchedJar(Path source) {
        this.source = source;
    }

    static PatchedJar from(Path deployedJar) {
        return new PatchedJar(deployedJar);
    }

    PatchedJar version(String bundleVersion) {
        this.version = bundleVersion;
        return this;
    }

    PatchedJar symbolicName(String name) {
        this.symbolicName = name;
        return this;
    }

    /** Adds a package to Import-Package. */
    PatchedJar importing(String importClause) {
        this.extraImport = importClause;
        return this;
    }

    /** Leaves one entry (e.g. a class file) out. */
    PatchedJar without(String entryName) {
        this.leftOut = entryName;
        return this;
    }

    /** Writes the jar; it always differs from the source by a marker entry, so a file watcher sees a change. */
    Path writeTo(Path target) {
        try (JarFile in = new JarFile(source.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            Attributes main = manifest.getMainAttributes();
            if (version != null) main.putValue("Bundle-Version", version);
            if (symbolicName != null) main.putValue("Bundle-SymbolicName", symbolicName);
            if (extraImport != null) main.putValue("Import-Package", extraImport + "," + main.getValue("Import-Package"));
            Files.createDirectories(target.getParent());
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase("META-INF/MANIFEST.MF") || entry.getName().equals(MARKER) || entry.getName().equals(leftOut))
                        continue;
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry(MARKER));
                out.write(("patched at " + System.nanoTime() + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Bundle-Version in a jar's manifest. */
    static String versionOf(Path jar) {
        try (JarFile in = new JarFile(jar.toFile())) {
            return in.getManifest().getMainAttributes().getValue("Bundle-Version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
