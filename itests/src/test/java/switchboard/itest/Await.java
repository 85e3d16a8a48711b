package switchboard.itest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until the runtime reaches a state: FileInstall, Config Admin and SCR all work asynchronously. */
final class Await {
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 25;

    private Await() {}

    /** @return the first value {@code probe} gives that {@code accepted} takes; fails after {@link #TIMEOUT} naming the last one */
    static <T> T until(String description, Supplier<T> probe, Predicate<? super T> accepted) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        T last = probe.get();
        while (last == null || !accepted.test(last)) {
            if (System.nanoTime() > deadline)
                throw new AssertionError("not within " + TIMEOUT.toSeconds() + " s: " + description + "; last seen: " + last);
            sleep();
            last = probe.get();
        }
        return last;
    }

    static void until(String description, Supplier<Boolean> condition) {
        until(description, condition, Boolean::booleanValue);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    /** Waits until something on 127.0.0.1 accepts TCP connections on {@code port}. */
    static void listening(String what, int port) {
        until(what + " on port " + port, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }
}
