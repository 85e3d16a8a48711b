package switchboard.itest;

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
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A UDP client of an echo endpoint on 127.0.0.1. It sends numbered datagrams at a steady pace, never
 * more than {@link #WINDOW} unanswered (so no reply overflows its socket buffer), never retries, and
 * records which handler answered each one.
 */
final class EchoClient implements AutoCloseable {
    private static final int WINDOW = 256;
    private static final long PACE_NANOS = TimeUnit.MICROSECONDS.toNanos(1500);
    private static final int RECEIVE_POLL_MILLIS = 50;

    private final DatagramSocket socket;
    private final AtomicInteger answered = new AtomicInteger();

    EchoClient(int port) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setReceiveBufferSize(1 << 20);
        socket.setSoTimeout(RECEIVE_POLL_MILLIS);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** How many datagrams of the running {@link #exchange} have been answered so far. */
    int answered() {
        return answered.get();
    }

    /** Sends datagrams {@code 0..count-1}; returns when all are answered or the deadline has passed. */
    EchoReplies exchange(int count, Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        AtomicReferenceArray<String> answers = new AtomicReferenceArray<>(count);
        Semaphore window = new Semaphore(WINDOW);
        answered.set(0);
        Thread receiver = new Thread(() -> receive(answers, window, end), "itest-echo-client");
        receiver.start();
        try {
            for (int sequence = 0; sequence < count && window.tryAcquire(remainingNanos(end), TimeUnit.NANOSECONDS); sequence++) {
                byte[] payload = Integer.toString(sequence).getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(payload, payload.length));
                LockSupport.parkNanos(PACE_NANOS);
            }
        } finally {
            receiver.join(TimeUnit.NANOSECONDS.toMillis(remainingNanos(end)) + 1);
            receiver.interrupt();
        }
        return new EchoReplies(answers);
    }

    private void receive(AtomicReferenceArray<String> answers, Semaphore window, long end) {
        DatagramPacket packet = new DatagramPacket(new byte[512], 512);
        while (answered.get() < answers.length() && remainingNanos(end) > 0 && !Thread.currentThread().isInterrupted()) {
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            String reply = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            int lastSpace = reply.lastIndexOf(' ');
            int sequence = Integer.parseInt(reply.substring(lastSpace + 1));
            if (answers.compareAndSet(sequence, null, reply.substring(0, lastSpace))) {
                answered.incrementAndGet();
                window.release();
            }
        }
    }

    private static long remainingNanos(long end) {
        return Math.max(0, end - System.nanoTime());
    }

    @Override
    public void close() {
        socket.close();
    }
}
