package switchboard.itest;

import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

/** Finds the threads that run a bundle's code, to prove that none survives the bundle's update. */
final class BundleThreads {
    private BundleThreads() {}

    /**
     * The live threads that belong to the bundle's current revision: those whose context class loader is
     * the bundle's, or whose stack runs a class of the bundle's own packages.
     */
    static Set<Thread> of(Bundle bundle) {
        ClassLoader loader = bundle.adapt(BundleWiring.class).getClassLoader();
        Set<String> packages = ownPackages(bundle);
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getContextClassLoader() == loader
                        || Arrays.stream(e.getValue()).anyMatch(frame -> packages.contains(packageOf(frame.getClassName()))))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** Waits up to {@code wait} in all for the threads to end; returns those still alive, by name. */
    static List<String> survivors(Set<Thread> threads, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        for (Thread t : threads) t.join(Math.max(1, Duration.ofNanos(end - System.nanoTime()).toMillis()));
        return threads.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
    }

    private static Set<String> ownPackages(Bundle bundle) {
        Set<String> packages = new HashSet<>();
        for (URL entry : Collections.list(bundle.findEntries("/", "*.class", true))) {
            String path = entry.getPath();
            packages.add(path.substring(1, Math.max(1, path.lastIndexOf('/'))).replace('/', '.'));
        }
        return packages;
    }

    private static String packageOf(String className) {
        int lastDot = className.lastIndexOf('.');
        return lastDot < 0 ? "" : className.substring(0, lastDot);
    }
}
