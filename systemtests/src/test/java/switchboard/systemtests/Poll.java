package switchboard.systemtests;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waiting: asks again every 100 ms until an answer comes or the time is up. */
final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {}

    /** @return the first present answer; fails the test naming {@code what} when none came within {@code timeout} */
    static <T> T until(Duration timeout, String what, Supplier<Optional<T>> answer) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> result = answer.get();
            if (result.isPresent()) return result.get();
            if (System.nanoTime() > deadline) throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what);
            sleep(INTERVAL);
        }
    }

    static void until(Duration timeout, String what, BooleanSupplier condition) {
        until(timeout, what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
