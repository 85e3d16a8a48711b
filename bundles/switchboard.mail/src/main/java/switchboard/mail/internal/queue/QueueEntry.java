package switchboard.mail.internal.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A queued message's envelope and delivery state, stored beside the message as {@code <id>.env}:
 * {@code key: value} lines, one {@code to:} line per recipient still to deliver.
 */
public record QueueEntry(String id, String sender, List<String> recipients, Instant queued, int attempts,
        Instant nextAttempt, String lastError) {

    public QueueEntry {
        recipients = List.copyOf(recipients);
        lastError = lastError == null ? "" : lastError;
    }

    String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("from: ").append(sender).append('\n');
        for (String r : recipients) sb.append("to: ").append(r).append('\n');
        sb.append("queued: ").append(queued).append('\n');
        sb.append("attempts: ").append(attempts).append('\n');
        sb.append("next: ").append(nextAttempt).append('\n');
        sb.append("error: ").append(lastError.replace('\n', ' ')).append('\n');
        return sb.toString();
    }

    static QueueEntry parse(String id, String text) {
        String sender = null;
        List<String> to = new ArrayList<>();
        Instant queued = null;
        Instant next = null;
        int attempts = 0;
        String error = "";
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 0) continue;
            String value = line.substring(colon + 2);
            switch (line.substring(0, colon)) {
                case "from" -> sender = value;
                case "to" -> to.add(value);
                case "queued" -> queued = Instant.parse(value);
                case "next" -> next = Instant.parse(value);
                case "attempts" -> attempts = Integer.parseInt(value);
                case "error" -> error = value;
                default -> { /* written by a newer version */ }
            }
        }
        if (sender == null || queued == null || next == null || to.isEmpty())
            throw new IllegalArgumentException("incomplete envelope " + id);
        return new QueueEntry(id, sender, to, queued, attempts, next, error);
    }
}
