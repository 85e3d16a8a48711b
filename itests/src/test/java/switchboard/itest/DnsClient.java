package switchboard.itest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A UDP DNS client on 127.0.0.1 for load under a bundle update: sends {@code count} A queries with IDs
 * {@code 0..count-1}, paced, at most {@link #WINDOW} unanswered, never retried, and records the RCODE of
 * each answer (-1: none).
 */
final class DnsClient implements AutoCloseable {
    private static final int WINDOW = 128;
    private static final long PACE_NANOS = TimeUnit.MICROSECONDS.toNanos(1500);
    private static final int RECEIVE_POLL_MILLIS = 50;

    private final DatagramSocket socket;
    private final AtomicInteger answered = new AtomicInteger();

    DnsClient(int port) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setReceiveBufferSize(1 << 20);
        socket.setSoTimeout(RECEIVE_POLL_MILLIS);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    int answered() {
        return answered.get();
    }

    /** The RCODE of the answer to each query, -1 where none came before the deadline. */
    AtomicIntegerArray ask(String name, int count, Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        AtomicIntegerArray rcodes = new AtomicIntegerArray(count);
        for (int i = 0; i < count; i++) rcodes.set(i, -1);
        Semaphore window = new Semaphore(WINDOW);
        answered.set(0);
        Thread receiver = new Thread(() -> receive(rcodes, window, end), "itest-dns-client");
        receiver.start();
        try {
            for (int id = 0; id < count && window.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS); id++) {
                byte[] query = query(id, name);
                socket.send(new DatagramPacket(query, query.length));
                LockSupport.parkNanos(PACE_NANOS);
            }
        } finally {
            receiver.join(TimeUnit.NANOSECONDS.toMillis(Math.max(0, end - System.nanoTime())) + 1);
            receiver.interrupt();
        }
        return rcodes;
    }

    /** One query's RCODE, or -1 without an answer within the deadline. */
    int askOnce(String name, Duration deadline) throws IOException, InterruptedException {
        return ask(name, 1, deadline).get(0);
    }

    private void receive(AtomicIntegerArray rcodes, Semaphore window, long end) {
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        while (answered.get() < rcodes.length() && System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            if (packet.getLength() < 12) continue;
            byte[] b = packet.getData();
            int id = (b[0] & 0xff) << 8 | (b[1] & 0xff);
            if (id < rcodes.length() && rcodes.compareAndSet(id, -1, b[3] & 0xF)) {
                answered.incrementAndGet();
                window.release();
            }
        }
    }

    /** A standard query, RD set, for {@code name} type A class IN. */
    static byte[] query(int id, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.writeBytes(new byte[] {0, 0, 1, 0, 1});
        return out.toByteArray();
    }

    @Override
    public void close() {
        socket.close();
    }
}
