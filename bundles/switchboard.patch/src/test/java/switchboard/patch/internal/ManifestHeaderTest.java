package switchboard.patch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class ManifestHeaderTest {
    @Test
    void importsWithQuotedRangesDirectivesAndSeveralNamesPerClause() {
        List<PackageImport> imports = PackageImport.parse(
                "org.osgi.framework;version=\"[1.10,2)\",a.b;c.d;resolution:=optional;version=\"1.0\",java.util,x.y;version:Version=\"[2,3)\"");
        assertEquals(List.of("org.osgi.framework", "a.b", "c.d", "java.util", "x.y"), imports.stream().map(PackageImport::name).toList());
        assertTrue(imports.get(0).range().includes(new Version(1, 10, 0)));
        assertFalse(imports.get(0).range().includes(new Version(2, 0, 0)));
        assertTrue(imports.get(1).optional() && imports.get(2).optional());
        assertTrue(imports.get(3).range().includes(new Version(99, 0, 0)), "no version: any");
        assertTrue(imports.get(4).range().includes(new Version(2, 5, 0)), "typed attribute");
        assertFalse(imports.get(3).optional());
    }

    @Test
    void emptyOrMissingHeaderIsNoImport() {
        assertEquals(List.of(), PackageImport.parse(null));
        assertEquals(List.of(), PackageImport.parse("  "));
    }

    @Test
    void malformedHeadersAreRefusedWithTheReason() {
        for (String bad : List.of("a.b;version=\"[1,2)", "a.b,,c.d", "a.b;version=", ";version=1", "a.b;version=1;c.d", "a b",
                "a.b;version=\"1\"x\"", "a.b;=1", ","))
            assertThrows(IllegalArgumentException.class, () -> ManifestHeader.parse(bad), bad);
        assertThrows(IllegalArgumentException.class, () -> PackageImport.parse("a.b;version=\"[one,2)\""), "a version range that does not parse");
    }

    @Test
    void unsatisfiedImportsAreThoseNoExportMatches() {
        ExportedPackages running = new ExportedPackages(Map.of("org.osgi.framework", List.of(new Version(1, 10, 0)),
                "switchboard.api.config", List.of(new Version(1, 1, 0))));
        List<PackageImport> imports = PackageImport.parse("org.osgi.framework;version=\"[1.10,2)\",switchboard.api.config;version=\"[1.2,2)\","
                + "com.example.missing,com.example.optional;resolution:=optional,own.pkg;version=\"[3,4)\"");
        List<PackageImport> missing = running.unsatisfied(imports, Map.of("own.pkg", new Version(3, 1, 0)));
        assertEquals(List.of("switchboard.api.config", "com.example.missing"), missing.stream().map(PackageImport::name).toList());
    }
}
