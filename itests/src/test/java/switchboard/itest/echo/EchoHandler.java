package switchboard.itest.echo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import switchboard.api.broker.Datagram;
import switchboard.api.broker.DatagramHandler;
import switchboard.api.broker.DatagramSender;

/**
 * A capability's UDP handler, in a bundle that the tests build and deploy at run time (see
 * {@code EchoBundle}); never loaded from the test probe. Answers each datagram with
 * {@code <reply.prefix> <bundle version> <payload>}, sent from its own worker thread.
 */
public class EchoHandler implements DatagramHandler {
    /** Configuration key: the first word of every reply. */
    public static final String PREFIX = "reply.prefix";
    private static final long STOP_SECONDS = 5;

    private byte[] tag;
    private ExecutorService worker;

    public void activate(Map<String, Object> configuration) {
        Bundle bundle = FrameworkUtil.getBundle(EchoHandler.class);
        tag = (configuration.get(PREFIX) + " " + bundle.getVersion() + " ").getBytes(StandardCharsets.UTF_8);
        String threadName = bundle.getSymbolicName() + "-" + bundle.getVersion() + "-worker";
        worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setContextClassLoader(EchoHandler.class.getClassLoader());
            return thread;
        });
    }

    /** Answers what was accepted, then stops the worker. */
    public void deactivate() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) worker.shutdownNow();
    }

    @Override
    public void handle(Datagram datagram, DatagramSender sender) {
        ByteBuffer reply = ByteBuffer.allocate(tag.length + datagram.payload().remaining())
                .put(tag).put(datagram.payload().duplicate()).flip();
        InetSocketAddress client = datagram.source();
        worker.execute(() -> {
            try {
                sender.send(reply, client);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
