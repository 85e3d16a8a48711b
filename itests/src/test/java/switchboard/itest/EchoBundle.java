package switchboard.itest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;
import switchboard.api.broker.DatagramHandler;
import switchboard.api.broker.Endpoint;
import switchboard.itest.echo.EchoHandler;

/**
 * Builds the jar of a capability bundle at test time: {@link EchoHandler} as a Declarative Services
 * component whose configuration PID is the bundle's symbolic name. Its classes are copied from the
 * test probe; its manifest and component description are written here.
 */
final class EchoBundle {
    private static final String HANDLER_PACKAGE = EchoHandler.class.getPackageName().replace('.', '/');
    private static final String COMPONENT_XML = "OSGI-INF/echo.xml";

    private EchoBundle() {}

    static byte[] jar(String symbolicName, Version version) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest(symbolicName, version))) {
            add(jar, COMPONENT_XML, component(symbolicName).getBytes(StandardCharsets.UTF_8));
            Bundle probe = FrameworkUtil.getBundle(EchoBundle.class);
            for (URL entry : Collections.list(probe.findEntries(HANDLER_PACKAGE, "*.class", false))) {
                try (InputStream in = entry.openStream()) {
                    add(jar, entry.getPath().substring(1), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + symbolicName + " " + version, e);
        }
        return bytes.toByteArray();
    }

    private static Manifest manifest(String symbolicName, Version version) {
        Manifest manifest = new Manifest();
        Attributes headers = manifest.getMainAttributes();
        headers.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        headers.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        headers.putValue(Constants.BUNDLE_VERSION, version.toString());
        headers.putValue(Constants.IMPORT_PACKAGE, "org.osgi.framework;version=\"[1.8,2)\","
                + DatagramHandler.class.getPackageName() + ";version=\"[1.0,2)\"");
        headers.putValue(Constants.REQUIRE_CAPABILITY,
                "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.3.0)(!(version>=2.0.0)))\"");
        headers.putValue("Service-Component", COMPONENT_XML);
        return manifest;
    }

    private static String component(String symbolicName) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%1$s" immediate="true"
                    configuration-policy="require" activate="activate" deactivate="deactivate">
                  <implementation class="%2$s"/>
                  <service><provide interface="%3$s"/></service>
                  <property name="%4$s" value="%1$s"/>
                </scr:component>
                """.formatted(symbolicName, EchoHandler.class.getName(), DatagramHandler.class.getName(), Endpoint.NAME);
    }

    private static void add(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }
}
