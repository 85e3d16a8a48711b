package switchboard.launcher;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The web console's address from {@code etc/org.apache.felix.http.cfg}, checked before start-up. */
record ConsoleAddress(String host, int port) {
    static final String PID = "org.apache.felix.http";
    static final String HOST_KEY = "org.apache.felix.http.host";
    static final String PORT_KEY = "org.osgi.service.http.port";

    static ConsoleAddress read(Path etc) {
        Properties p = new Properties();
        Path file = etc.resolve(PID + ".cfg");
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                Main.fail(Main.EXIT_START, "cannot read " + file + ": " + e.getMessage());
            }
        }
        String port = p.getProperty(PORT_KEY, "8080").trim();
        try {
            int n = Integer.parseInt(port);
            if (n < 1 || n > 65535) throw new NumberFormatException();
            return new ConsoleAddress(p.getProperty(HOST_KEY, "127.0.0.1").trim(), n);
        } catch (NumberFormatException e) {
            Main.fail(Main.EXIT_START, file + ": key " + PORT_KEY + ": '" + port + "' is not a port number (1..65535)");
            return null;
        }
    }

    /** @return why the port cannot be bound, or null when it is free */
    String busyReason() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
