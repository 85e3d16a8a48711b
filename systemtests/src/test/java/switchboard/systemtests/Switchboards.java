package switchboard.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts Switchboard processes for one test and stops every one of them after it. Each test works in its
 * own fresh directory {@code target/homes/<class>/<method>/} (home, output of each run), kept for a
 * person to read when a test fails. Register with {@code @RegisterExtension}.
 */
final class Switchboards implements BeforeEachCallback, AfterEachCallback {
    private static final Path HOMES = SwitchboardProcess.TARGET.resolve("homes");

    private final List<SwitchboardProcess> started = new ArrayList<>();
    private Path testDirectory;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        testDirectory = HOMES.resolve(context.getRequiredTestClass().getSimpleName()).resolve(context.getRequiredTestMethod().getName());
        deleteRecursively(testDirectory);
        Files.createDirectories(testDirectory);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(SwitchboardProcess::stop);
        started.clear();
    }

    /** This test's own directory. */
    Path testDirectory() {
        return testDirectory;
    }

    SwitchboardHome newHome() {
        return SwitchboardHome.create(testDirectory.resolve("home"));
    }

    /** Starts the jar with {@code --home homeArgument} without waiting for anything. */
    SwitchboardProcess launch(Path homeArgument) {
        SwitchboardProcess process = SwitchboardProcess.launch(homeArgument, testDirectory.resolve("run-" + (started.size() + 1)));
        started.add(process);
        return process;
    }

    /** Starts the jar through {@code wrapper} (e.g. {@code ip netns exec NS}) with launcher {@code options}, without waiting for anything. */
    SwitchboardProcess launch(List<String> wrapper, Path homeArgument, String... options) {
        SwitchboardProcess process = SwitchboardProcess.launch(wrapper, homeArgument, testDirectory.resolve("run-" + (started.size() + 1)), options);
        started.add(process);
        return process;
    }

    /** Starts Switchboard on {@code home} and waits until it serves its console. */
    RunningSwitchboard start(SwitchboardHome home) {
        return RunningSwitchboard.awaitReady(home, launch(home.root()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
