package switchboard.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider that misbehaves: a plain POP3 server on loopback whose first session drops the connection in
 * the middle of the last message. Later sessions work; DELE takes effect at QUIT, as RFC 1939 says.
 */
final class DroppingPop3Server implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> messages;
    private final Set<Integer> deleted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Thread thread;

    DroppingPop3Server(List<String> messages) throws IOException {
        this.messages = new ArrayList<>(messages);
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "dropping-pop3");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Messages not yet deleted by a committed session. */
    int remaining() {
        return messages.size() - deleted.size();
    }

    int sessions() {
        return sessions.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(20_000);
                session(s, sessions.incrementAndGet() == 1);
            } catch (IOException e) {
                // a dropped or closed connection: wait for the next one
            }
        }
    }

    private void session(Socket s, boolean drop) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        Set<Integer> marked = new java.util.HashSet<>();
        send(out, "+OK test provider ready");
        for (String line; (line = in.readLine()) != null; ) {
            String[] cmd = line.split(" ");
            switch (cmd[0].toUpperCase()) {
                case "USER", "PASS" -> send(out, "+OK");
                case "STAT" -> send(out, "+OK " + remaining() + " 100");
                case "UIDL" -> {
                    StringBuilder sb = new StringBuilder("+OK\r\n");
                    for (int i = 1; i <= messages.size(); i++) if (!deleted.contains(i)) sb.append(i).append(" uid-").append(i).append("\r\n");
                    send(out, sb + ".");
                }
                case "RETR" -> {
                    int n = Integer.parseInt(cmd[1]);
                    String message = messages.get(n - 1).replace("\n", "\r\n");
                    if (drop && n == messages.size()) {
                        send(out, "+OK\r\n" + message.substring(0, message.length() / 2));
                        return;
                    }
                    send(out, "+OK\r\n" + message + ".");
                }
                case "DELE" -> {
                    marked.add(Integer.parseInt(cmd[1]));
                    send(out, "+OK");
                }
                case "QUIT" -> {
                    deleted.addAll(marked);
                    send(out, "+OK bye");
                    return;
                }
                default -> send(out, "-ERR unknown command");
            }
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
