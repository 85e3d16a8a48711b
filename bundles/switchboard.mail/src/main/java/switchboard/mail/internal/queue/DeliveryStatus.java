package switchboard.mail.internal.queue;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/** A delivery status notification (RFC 3464) telling the sender which recipients failed and why. */
final class DeliveryStatus {
    private DeliveryStatus() {}

    static byte[] bounce(String reportingHost, String domain, String sender, Map<String, String> failures, byte[] original) {
        String boundary = "sb-" + UUID.randomUUID();
        StringBuilder sb = new StringBuilder();
        sb.append("From: Mail Delivery System <MAILER-DAEMON@").append(domain).append(">\r\n");
        sb.append("To: <").append(sender).append(">\r\n");
        sb.append("Subject: Undelivered Mail Returned to Sender\r\n");
        sb.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n");
        sb.append("Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n");
        sb.append("Content-Type: multipart/report; report-type=delivery-status; boundary=\"").append(boundary).append("\"\r\n\r\n");
        sb.append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        sb.append("Your message could not be delivered to these recipients:\r\n\r\n");
        failures.forEach((r, why) -> sb.append("  <").append(r).append(">: ").append(why).append("\r\n"));
        sb.append("\r\n--").append(boundary).append("\r\nContent-Type: message/delivery-status\r\n\r\n");
        sb.append("Reporting-MTA: dns; ").append(reportingHost).append("\r\n");
        failures.forEach((r, why) -> sb.append("\r\nFinal-Recipient: rfc822; ").append(r).append("\r\nAction: failed\r\nStatus: 5.0.0\r\n")
                .append("Diagnostic-Code: smtp; ").append(why.replaceAll("[\\r\\n]+", " ")).append("\r\n"));
        sb.append("\r\n--").append(boundary).append("\r\nContent-Type: text/rfc822-headers\r\n\r\n");
        sb.append(headers(original));
        sb.append("\r\n--").append(boundary).append("--\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The original's header section, up to the first empty line. */
    private static String headers(byte[] original) {
        String text = new String(original, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return (end < 0 ? text : text.substring(0, end)) + "\r\n";
    }
}
