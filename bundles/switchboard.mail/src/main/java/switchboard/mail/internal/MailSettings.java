package switchboard.mail.internal;

import java.util.Map;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;

/**
 * The validated configuration of PID {@code switchboard.mail}. A port of 0 turns that endpoint off.
 * {@code hostName} empty means {@code mail.<office domain>}.
 */
public record MailSettings(String address, int smtpPort, int submissionPort, int smtpsPort, int pop3Port, int pop3sPort,
        boolean pop3PlaintextFromLan, String hostName,
        int maxSize, int maxRecipients, int timeoutSeconds, boolean relayFromWan, String keyStore, String keyStorePassword,
        int outboundPort, String dnsServer, String smarthost, String smarthostUser, String smarthostPassword, boolean smarthostVerify,
        int queueLifetimeHours) {

    public static MailSettings parse(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        String address = v.parsed("address", "127.0.0.1", MailSettings::ipv4);
        return new MailSettings(address, v.port("smtp.port", 2525), optionalPort(v, "submission.port", 5587),
                optionalPort(v, "smtps.port", 4465), optionalPort(v, "pop3.port", 1110), optionalPort(v, "pop3s.port", 1995),
                v.bool("pop3.plaintext.lan", true), v.string("hostname", ""),
                v.integer("max.size", 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024), v.integer("max.recipients", 100, 1, 10_000),
                v.integer("timeout", 300, 5, 3600), v.bool("relay.wan", false), v.string("tls.keystore", "mail.p12"),
                v.string("tls.password", ""), v.port("outbound.port", 25), v.parsed("dns.server", "", MailSettings::hostPortOrEmpty),
                v.parsed("smarthost", "", MailSettings::hostPortOrEmpty), v.string("smarthost.user", ""), v.string("smarthost.password", ""),
                v.bool("smarthost.tls.verify", true), v.integer("queue.lifetime", 120, 1, 24 * 30));
    }

    /** {@code host:port}, {@code host} or nothing. */
    private static String hostPortOrEmpty(String text) {
        if (text.isEmpty()) return text;
        int colon = text.lastIndexOf(':');
        if (colon >= 0) {
            String port = text.substring(colon + 1);
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)
                throw new IllegalArgumentException("'" + text + "' is not host:port");
        }
        if (!text.substring(0, colon < 0 ? text.length() : colon).matches("[A-Za-z0-9.-]+"))
            throw new IllegalArgumentException("'" + text + "' is not host:port");
        return text;
    }

    private static int optionalPort(ConfigValues v, String key, int fallback) throws InvalidConfigurationException {
        return v.integer(key, fallback, 0, 65535);
    }

    private static String ipv4(String text) {
        switchboard.api.network.Cidr.parseIpv4(text);
        return text;
    }
}
