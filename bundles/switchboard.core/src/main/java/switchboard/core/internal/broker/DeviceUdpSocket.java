package switchboard.core.internal.broker;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A UDP socket tied to one network interface with Linux {@code SO_BINDTODEVICE}, made through libc
 * because the JDK has no such option. Bound to the wildcard address, it receives the broadcasts
 * that arrive on that interface only, and a send to 255.255.255.255 leaves on that interface even
 * when the routing table would pick another one (or none). 64-bit Linux only.
 */
final class DeviceUdpSocket implements UdpSocket {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_REUSEADDR = 2;
    private static final int SO_BROADCAST = 6;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_BINDTODEVICE = 25;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int RECEIVE_BUFFER = 4 << 20;
    private static final int SHUT_RDWR = 2;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    private static final int SOCKADDR_IN_LENGTH = 16;

    private interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

        int bind(int fd, byte[] address, int length) throws LastErrorException;

        long recvfrom(int fd, byte[] buffer, long length, int flags, byte[] from, int[] fromLength) throws LastErrorException;

        long sendto(int fd, byte[] buffer, long length, int flags, byte[] to, int toLength) throws LastErrorException;

        int shutdown(int fd, int how) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    /** Loaded on first use, so endpoints without an interface never touch native code. */
    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    private final LibC libc;
    private final int fd;
    private final InetSocketAddress local;
    /** Held around recvfrom, so close() never closes a descriptor a receive is still using. */
    private final Object receiving = new Object();
    private volatile boolean closed;

    DeviceUdpSocket(EndpointKey key) throws IOException {
        try {
            libc = Holder.LIBC;
        } catch (LinkageError e) {
            throw new IOException("native access (JNA) unavailable: " + e.getMessage(), e);
        }
        local = key.socketAddress();
        int opened;
        try {
            opened = libc.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("socket: " + e.getMessage(), e);
        }
        fd = opened;
        try {
            setInt(SO_REUSEADDR, 1);
            setInt(SO_BROADCAST, 1);
            receiveBuffer();
            byte[] timeout = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                    .putLong(0).putLong(BrokeredEndpoint.POLL_MILLIS * 1000L).array();
            libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length);
            byte[] device = (key.interfaceName() + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            try {
                libc.setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, device, device.length);
            } catch (LastErrorException e) {
                throw new IOException("interface " + key.interfaceName() + ": " + e.getMessage()
                        + (e.getErrorCode() == 1 ? " (needs root or CAP_NET_RAW)" : ""), e);
            }
            libc.bind(fd, sockaddr(local), SOCKADDR_IN_LENGTH);
        } catch (LastErrorException e) {
            libc.close(fd);
            throw new IOException(e.getMessage(), e);
        } catch (IOException e) {
            libc.close(fd);
            throw e;
        }
    }

    /**
     * A large buffer carries a burst of broadcasts (a LAN powering up) over a pause of the server;
     * with root it may exceed net.core.rmem_max, otherwise the kernel caps it there.
     */
    private void receiveBuffer() {
        try {
            setInt(SO_RCVBUFFORCE, RECEIVE_BUFFER);
        } catch (LastErrorException e) {
            setInt(SO_RCVBUF, RECEIVE_BUFFER);
        }
    }

    private void setInt(int option, int value) {
        byte[] v = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
        libc.setsockopt(fd, SOL_SOCKET, option, v, v.length);
    }

    private static byte[] sockaddr(InetSocketAddress address) {
        ByteBuffer b = ByteBuffer.allocate(SOCKADDR_IN_LENGTH);
        b.order(ByteOrder.nativeOrder()).putShort((short) AF_INET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) address.getPort()).put(address.getAddress().getAddress());
        return b.array();
    }

    @Override
    public InetSocketAddress receive(DatagramPacket packet) throws IOException {
        byte[] from = new byte[SOCKADDR_IN_LENGTH];
        int[] fromLength = {SOCKADDR_IN_LENGTH};
        long n;
        synchronized (receiving) {
            if (closed) return null;
            try {
                n = libc.recvfrom(fd, packet.getData(), packet.getData().length, 0, from, fromLength);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EAGAIN || e.getErrorCode() == EINTR) return null;
                throw new IOException("recvfrom: " + e.getMessage(), e);
            }
        }
        if (closed) return null;
        packet.setLength((int) n);
        ByteBuffer b = ByteBuffer.wrap(from).order(ByteOrder.BIG_ENDIAN);
        byte[] address = new byte[4];
        b.get(4, address);
        packet.setSocketAddress(new InetSocketAddress((Inet4Address) InetAddress.getByAddress(address), b.getShort(2) & 0xffff));
        return local;
    }

    @Override
    public void send(DatagramPacket packet) throws IOException {
        if (closed) throw new IOException("socket closed");
        byte[] bytes = packet.getData();
        if (packet.getOffset() != 0) {
            bytes = new byte[packet.getLength()];
            System.arraycopy(packet.getData(), packet.getOffset(), bytes, 0, bytes.length);
        }
        try {
            libc.sendto(fd, bytes, packet.getLength(), 0, sockaddr((InetSocketAddress) packet.getSocketAddress()), SOCKADDR_IN_LENGTH);
        } catch (LastErrorException e) {
            throw new IOException("sendto " + packet.getSocketAddress() + ": " + e.getMessage(), e);
        }
    }


    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            libc.shutdown(fd, SHUT_RDWR);
        } catch (LastErrorException e) {
            // not connected: nothing to wake, the receive timeout ends the wait
        }
        synchronized (receiving) {
            libc.close(fd);
        }
    }
}
