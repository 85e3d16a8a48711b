package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.systemtests.ConsoleHttp.STATUS_PAGE;
import static switchboard.systemtests.RunningSwitchboard.ADMIN;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The security self-audit on a running Switchboard, read as monitoring reads it (health checks tagged security,
 * JSON over HTTP): each check is made to fail by a real misconfiguration and to pass once it is fixed, and the
 * changes appear in log/audit.log.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SecurityAuditTest {
    private static final Pattern FORM_TOKEN = Pattern.compile("name='csrf' value='([0-9a-f]+)'");
    private static final String STRONG = "quiet-lantern-harbour-61";

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void theInitialAdminPasswordAndAWeakPasswordAreFlaggedUntilTheyAreChanged() throws Exception {
        SwitchboardHome home = switchboards.newHome();
        // an account from before the policy knew common passwords: its digest secrets are those of "password123"
        Files.createDirectories(home.accountFile().getParent());
        Files.writeString(home.accountFile(), "carol;user;207;pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA;office.lan;"
                + ha1("MD5", "carol", "password123") + ";" + ha1("SHA-256", "carol", "password123") + ";"
                + ha1("MD5", "207", "password123") + ";" + ha1("SHA-256", "207", "password123") + "\n");
        RunningSwitchboard switchboard = switchboards.start(home);
        SecurityAudit audit = new SecurityAudit(switchboard.http());
        String initial = switchboard.initialAdminPassword();

        audit.await("Security: initial admin password", "WARN", "sb:passwd admin");
        audit.await("Security: weak passwords", "WARN", "'carol' is on the list of common passwords");

        PhonesPage phones = new PhonesPage(switchboard);
        assertTrue(phones.post(Map.of("action", "password", "user", "carol", "password", "password123")).contains("common passwords"),
                "the policy refuses it when it is set");
        assertTrue(phones.post(Map.of("action", "password", "user", "carol", "password", STRONG)).contains("changed"));
        audit.await("Security: weak passwords", "OK");

        Matcher token = FORM_TOKEN.matcher(switchboard.http().get(STATUS_PAGE, ADMIN, initial).body());
        assertTrue(token.find());
        String answer = switchboard.http().postForm(STATUS_PAGE, ADMIN, initial,
                Map.of("csrf", token.group(1), "password", STRONG + "-admin", "repeat", STRONG + "-admin")).body();
        assertTrue(answer.contains("Password changed."), answer);
        audit.await("Security: initial admin password", "OK");
        String log = auditLog(switchboard);
        assertTrue(log.contains("\tadmin\t127.0.0.1\tlogin succeeded\n"), log);
    }

    @Test
    void aPatchThatCannotRunRecursionForPublicAddressesAndAConsoleExposureAreFlaggedUntilUndone() throws IOException {
        SwitchboardHome home = switchboards.newHome();
        RunningSwitchboard switchboard = switchboards.start(home);
        SecurityAudit audit = new SecurityAudit(switchboard.http());
        audit.await("Security: TLS certificate", "WARN", "self-signed certificate");
        audit.await("Security: mail AUTH without TLS", "OK", "offers AUTH only after STARTTLS");
        audit.await("Security: patches in deploy/", "OK");
        audit.await("Security: DNS recursion for the WAN", "OK");
        Path broken = home.root().resolve("deploy").resolve("audit.unresolvable.jar");
        Path patched = home.root().resolve("deploy").resolve("audit.patch.jar");
        writeBundle(patched, "audit.patch", "1.0.0", "org.osgi.framework");
        Poll.until(SecurityAudit.WITHIN, "audit.patch 1.0.0 to be installed", () -> auditLog(switchboard).contains("bundle audit.patch 1.0.0 installed"));
        String dns = TextFile.read(home.root().resolve("etc/switchboard.dns.cfg"));

        writeBundle(broken, "audit.unresolvable", "1.0.0", "no.such.package");
        // a newer patch the framework refuses (a package imported twice): File Install's update fails, 1.0.0 runs on.
        // The file is stamped a minute ahead, as a patch that arrives long after its bundle was installed.
        writeBundle(patched, "audit.patch", "1.0.1", "org.osgi.framework, org.osgi.framework");
        Files.setLastModifiedTime(patched, FileTime.from(Instant.now().plus(Duration.ofMinutes(1))));
        Path wan = home.deployedBundle("switchboard.wan");
        byte[] wanBundle = Files.readAllBytes(wan);
        replace(wan, "not a jar".getBytes(StandardCharsets.UTF_8));
        home.writeConfig("switchboard.dns", dns + "internal.networks = 127.0.0.0/8, 0.0.0.0/0\n");
        // the firewall refuses this exposure, but the file asks for the console on the WAN: the audit says so
        home.writeConfig("switchboard.firewall.expose-admin", "ports = " + home.consolePort() + "/tcp\n");

        audit.await("Security: DNS recursion for the WAN", "WARN", "public address space recurse (0.0.0.0/0)");
        audit.await("Security: console reachable from the WAN", "CRITICAL",
                "switchboard.firewall.expose-admin.cfg opens the console port " + home.consolePort() + " to the WAN");
        audit.await("Security: patches in deploy/", "security", "CRITICAL",
                c -> c.says("audit.unresolvable.jar (audit.unresolvable 1.0.0) is installed but not active")
                        && c.says("switchboard.wan.jar is not installed: File Install could not install it")
                        && c.says("audit.patch.jar was replaced at") && c.says("but audit.patch 1.0.0 still runs the version installed at"));
        Files.delete(broken);
        writeBundle(patched, "audit.patch", "1.0.1", "org.osgi.framework");
        replace(wan, wanBundle);
        home.writeConfig("switchboard.dns", dns);
        Files.delete(home.root().resolve("etc/switchboard.firewall.expose-admin.cfg"));
        audit.await("Security: patches in deploy/", "OK");
        audit.await("Security: DNS recursion for the WAN", "OK");
        audit.await("Security: console reachable from the WAN", "OK");
        String log = auditLog(switchboard);
        assertTrue(log.contains("\t-\tconfig\tswitchboard.dns updated: internal.networks: (unset) -> 127.0.0.0/8, 0.0.0.0/0\n"), log);
        assertTrue(log.contains("bundle audit.unresolvable 1.0.0 installed"), log);
        assertTrue(log.contains("bundle audit.unresolvable 1.0.0 uninstalled"), log);
        assertTrue(log.contains("bundle audit.patch 1.0.1 updated"), log);
    }

    private static String auditLog(RunningSwitchboard switchboard) {
        return TextFile.read(switchboard.home().root().resolve("log/audit.log"));
    }

    private static String ha1(String algorithm, String user, String password) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                .digest((user + ":office.lan:" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the file in one step, as a careful admin copies a patch, so File Install never reads half of it. */
    private static void replace(Path file, byte[] content) throws IOException {
        Path part = file.resolveSibling("." + file.getFileName() + ".part");
        Files.write(part, content);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes (or replaces in one step) a bundle that holds only its manifest. */
    private static void writeBundle(Path jar, String symbolicName, String version, String imports) throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        a.putValue("Import-Package", imports);
        Path part = jar.resolveSibling("." + jar.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(part); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is the whole bundle
        }
        Files.move(part, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
