package switchboard.systemtests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Waits for a mail endpoint to accept connections. */
final class MailPorts {
    private MailPorts() {}

    static void awaitOpen(String address, int port) {
        Poll.until(Duration.ofSeconds(30), address + ":" + port + " to accept connections", () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }
}
