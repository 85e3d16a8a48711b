package switchboard.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import static java.util.Comparator.comparingInt;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.junit.Rule;
import org.junit.rules.Timeout;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;

/**
 * The runtime every test runs in: a Felix framework with exactly the distribution's bundles, a fresh
 * home directory, and the framework properties of the launcher ({@code switchboard.launcher.Runtime}),
 * except that FileInstall polls faster and the web console listens on a free port.
 */
public abstract class RuntimeTest {
    static final String HTTP_HOST = "127.0.0.1";
    static final String HTTP_PORT_PROPERTY = "org.osgi.service.http.port";
    private static final int FIRST_APPLICATION_LEVEL = 3;

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] distribution() throws IOException {
        TestHome home = TestHome.create();
        List<Option> options = new ArrayList<>(distributionBundles());
        options.add(junitBundles());
        options.addAll(launcherProperties(home));
        // the test's class path holds libraries the bundles hold too (slf4j): never load them from there
        options.add(frameworkProperty("felix.bootdelegation.implicit").value("false"));
        options.add(systemProperty("org.slf4j.simpleLogger.logFile").value(home.log().resolve("switchboard.log").toString()));
        options.add(systemProperty("org.slf4j.simpleLogger.showDateTime").value("true"));
        return options.toArray(Option[]::new);
    }

    private static List<Option> distributionBundles() {
        return DistributionBundle.all().stream()
                .sorted(comparingInt(DistributionBundle::launcherStartLevel))
                .<Option>map(b -> bundle(b.location()).startLevel(startLevel(b)).start(!b.fragment()))
                .toList();
    }

    private static List<Option> launcherProperties(TestHome home) {
        return List.of(
                frameworkProperty(TestHome.PROPERTY).value(home.root().toString()),
                frameworkProperty("felix.fileinstall.dir").value(home.etc() + "," + home.deploy()),
                frameworkProperty("felix.fileinstall.poll").value("200"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                // the tests rewrite one file faster than a person does; File Install's write-back of the
                // previous configuration could then overwrite the newer file
                frameworkProperty("felix.fileinstall.enableConfigSave").value("false"),
                frameworkProperty("felix.fileinstall.bundles.new.start").value("true"),
                frameworkProperty("felix.fileinstall.filter").value(".*\\.(cfg|config|jar)"),
                frameworkProperty("felix.fileinstall.log.level").value("2"),
                frameworkProperty("felix.log.level").value("1"),
                frameworkProperty("felix.startlevel.bundle").value(String.valueOf(FIRST_APPLICATION_LEVEL)),
                frameworkProperty("org.apache.felix.http.host").value(HTTP_HOST),
                frameworkProperty(HTTP_PORT_PROPERTY).value(String.valueOf(FreePort.tcp())),
                frameworkProperty("felix.webconsole.security.providers").value("switchboard"),
                frameworkProperty("gosh.args").value("--nointeractive"));
    }

    /**
     * Pax Exam starts its own bundles, which log, at level 2. So what the launcher starts at levels 1 and 2
     * starts here at level 1, in that order: bundles of one level start in the order they were installed.
     */
    private static int startLevel(DistributionBundle bundle) {
        return bundle.launcherStartLevel() < FIRST_APPLICATION_LEVEL ? 1 : FIRST_APPLICATION_LEVEL;
    }

    TestHome home() {
        return TestHome.of(context);
    }
}
