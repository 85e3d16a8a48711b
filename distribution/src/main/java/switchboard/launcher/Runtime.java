package switchboard.launcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/** The Felix framework with the embedded bundles; Switchboard's own bundles run from {@code deploy/}. */
final class Runtime {
    private static final long READY_TIMEOUT_MILLIS = 60_000;
    private static final long SETTLE_MILLIS = 500;
    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final String REPORT_FILTER = "(switchboard.startup.report=true)";
    private static final String HTTP_RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
    /** SPI Fly must run before slf4j binds its provider, or every logger stays a no-op. */
    private static final int LEVEL_SPI = 1;
    private static final int LEVEL_LOGGING = 2;
    private static final int LEVEL_REST = 3;
    /** File Install, which brings etc/ and the capability bundles in deploy/, starts once the console is up. */
    private static final int LEVEL_DEPLOY = 4;
    private static final String FILE_INSTALL = "org.apache.felix.fileinstall";
    /** Keeps the quietened JUL logger from being collected (which would undo its level). */
    private static final java.util.logging.Logger SPIFLY_LOG = java.util.logging.Logger.getLogger("org.apache.aries.spifly");

    private final HomeDirectory home;
    private final ConsoleAddress console;
    private final boolean interactive;
    private Framework framework;
    private boolean failed;

    Runtime(HomeDirectory home, ConsoleAddress console, boolean interactive) {
        this.home = home;
        this.console = console;
        this.interactive = interactive;
    }

    Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        p.put("org.osgi.framework.storage", home.data().resolve("framework").toString());
        p.put("org.osgi.framework.storage.clean", "onFirstInit");
        p.put("felix.log.level", "1");
        p.put("switchboard.home", home.root().toString());
        p.put("felix.fileinstall.dir", home.etc() + "," + home.deploy());
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.enableConfigSave", "true");
        p.put("felix.fileinstall.bundles.new.start", "true");
        // the console's address is read here, at start, so HTTP starts at once and only once
        p.put("felix.fileinstall.filter", "(?!" + ConsoleAddress.PID.replace(".", "\\.") + "\\.cfg$).*\\.(cfg|config|jar)");
        p.put("felix.fileinstall.log.level", "2");
        p.put(ConsoleAddress.HOST_KEY, console.host());
        p.put(ConsoleAddress.PORT_KEY, String.valueOf(console.port()));
        // the console never falls back to its built-in admin/admin login: it waits for ours
        p.put("felix.webconsole.security.providers", "switchboard");
        p.put("gosh.args", interactive ? "" : "--nointeractive");
        p.put("org.osgi.framework.startlevel.beginning", String.valueOf(LEVEL_DEPLOY));
        p.put("felix.startlevel.bundle", String.valueOf(LEVEL_REST));
        return p;
    }

    void start() throws BundleException, IOException {
        System.setProperty("org.slf4j.simpleLogger.logFile", home.log().resolve("switchboard.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        SPIFLY_LOG.setLevel(java.util.logging.Level.WARNING);
        framework = new FrameworkFactory().newFramework(properties());
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        DeploySeeder seeder = new DeploySeeder(home);
        try (JarFile jar = LauncherJar.open()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith("bundles/") || !name.endsWith(".jar")) continue;
                String symbolicName = symbolicName(jar, entry);
                if (symbolicName.startsWith("switchboard.")) seeder.seed(symbolicName + ".jar", jar.getInputStream(entry));
                else installed.add(install(context, symbolicName, name, jar.getInputStream(entry)));
            }
        }
        seeder.save();
        for (Bundle b : installed)
            if (b.getHeaders().get("Fragment-Host") == null) b.start();
        framework.start();
    }

    private static Bundle install(BundleContext context, String symbolicName, String name, java.io.InputStream in)
            throws BundleException {
        Bundle bundle = context.installBundle("switchboard:system/" + name.substring("bundles/".length()), in);
        int level = symbolicName.startsWith("org.apache.aries.spifly") || symbolicName.startsWith("org.objectweb.asm") ? LEVEL_SPI
                : symbolicName.startsWith("slf4j.") ? LEVEL_LOGGING
                : symbolicName.equals(FILE_INSTALL) ? LEVEL_DEPLOY : LEVEL_REST;
        bundle.adapt(org.osgi.framework.startlevel.BundleStartLevel.class).setStartLevel(level);
        return bundle;
    }

    private static String symbolicName(JarFile jar, JarEntry entry) throws IOException {
        try (JarInputStream in = new JarInputStream(jar.getInputStream(entry))) {
            String bsn = in.getManifest() == null ? null : in.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn == null) throw new IOException(entry.getName() + " is not a bundle");
            return bsn.split(";")[0].trim();
        }
    }

    /** Waits until every bundle is active and the set is stable, then returns the service table. */
    String awaitReady() {
        BundleContext context = framework.getBundleContext();
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        long stableSince = System.currentTimeMillis();
        int lastCount = -1;
        while (System.currentTimeMillis() < deadline) {
            Bundle[] bundles = context.getBundles();
            boolean allActive = true;
            for (Bundle b : bundles)
                if (b.getState() != Bundle.ACTIVE && b.getHeaders().get("Fragment-Host") == null) allActive = false;
            if (bundles.length != lastCount || !allActive) {
                lastCount = bundles.length;
                stableSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - stableSince >= SETTLE_MILLIS && consoleUp(context) && report(context) != null) {
                break;
            }
            sleep(50);
        }
        String report = report(context);
        return report != null ? report : "Not every bundle became active within " + READY_TIMEOUT_MILLIS / 1000
                + " s; see " + home.log().resolve("switchboard.log") + " and sb:status.\n";
    }

    private static boolean consoleUp(BundleContext context) {
        try {
            return context.getServiceReferences(HTTP_RUNTIME, null) != null;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private String report(BundleContext context) {
        try {
            var refs = context.getServiceReferences(Callable.class, REPORT_FILTER);
            if (refs.isEmpty()) return null;
            ServiceReference<Callable> ref = refs.iterator().next();
            Callable<String> report = context.getService(ref);
            try {
                return report == null ? null : report.call();
            } finally {
                context.ungetService(ref);
            }
        } catch (IllegalStateException e) {
            failed = true;
            return e.getMessage();
        } catch (Exception e) {
            return null;
        }
    }

    boolean failed() {
        return failed;
    }

    int awaitStop() {
        try {
            FrameworkEvent event = framework.waitForStop(0);
            return event.getType() == FrameworkEvent.ERROR ? 1 : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Stops the framework (components deactivated, state flushed), waiting at most 10 s. */
    void stop() {
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MILLIS);
        } catch (BundleException e) {
            System.err.println("switchboard: stop failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
