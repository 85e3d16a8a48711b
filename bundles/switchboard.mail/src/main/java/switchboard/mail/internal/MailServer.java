package switchboard.mail.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.accounts.UserDirectory;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkModel;
import switchboard.api.network.NetworkSettings;
import switchboard.api.vpn.Tunnel;
import switchboard.api.vpn.TunnelListener;
import switchboard.mail.internal.alias.AliasLoopException;
import switchboard.mail.internal.alias.AliasTable;
import switchboard.mail.internal.alias.MailAlias;
import switchboard.mail.internal.maildir.MailStore;
import switchboard.mail.internal.net.ClientNetwork;
import switchboard.mail.internal.pop3.Pop3Endpoints;
import switchboard.mail.internal.queue.OutboundDelivery;
import switchboard.mail.internal.queue.OutboundQueue;
import switchboard.mail.internal.queue.Smarthost;
import switchboard.mail.internal.smtp.Destination;
import switchboard.mail.internal.smtp.InboundPolicy;
import switchboard.mail.internal.smtp.RecipientRouter;
import switchboard.mail.internal.smtp.SmtpEndpoints;
import switchboard.mail.internal.tls.TlsMaterial;

/**
 * The mail server: SMTP endpoints, mailboxes under {@code data/mail/}, aliases and the outbound queue.
 * Runs only with its configuration (the launcher writes {@code etc/switchboard.mail.cfg}), so that it
 * never binds default ports before the file's ports have been read.
 */
@Component(service = {MailServer.class, TunnelListener.class}, configurationPid = MailServer.PID, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MailServer.Config.class)
public class MailServer implements TunnelListener {
    public static final String PID = "switchboard.mail";
    private static final Logger LOG = LoggerFactory.getLogger(MailServer.class);
    /** The networks behind the VPN tunnel, trusted like the LAN; empty while there is no VPN. */
    private volatile List<Cidr> vpnNetworks = List.of();

    @ObjectClassDefinition(name = "Switchboard mail", description = "SMTP for the office domain, mailboxes, relay rules.")
    @interface Config {
        @AttributeDefinition(name = "Address", description = "Address the mail endpoints listen on (0.0.0.0: all).")
        String address() default "127.0.0.1";

        @AttributeDefinition(name = "SMTP port", description = "Inbound SMTP with STARTTLS (25 on an appliance).")
        int smtp_port() default 2525;

        @AttributeDefinition(name = "Submission port", description = "Submission with STARTTLS (587 on an appliance); 0 turns it off.")
        int submission_port() default 5587;

        @AttributeDefinition(name = "SMTPS port", description = "Submission with implicit TLS (465 on an appliance); 0 turns it off.")
        int smtps_port() default 4465;

        @AttributeDefinition(name = "POP3 port", description = "POP3 with STLS (110 on an appliance); 0 turns it off.")
        int pop3_port() default 1110;

        @AttributeDefinition(name = "POP3S port", description = "POP3 with implicit TLS (995 on an appliance); 0 turns it off.")
        int pop3s_port() default 1995;

        @AttributeDefinition(name = "POP3 passwords without TLS from the LAN",
                description = "Allow USER/PASS without TLS from loopback and the LAN; elsewhere TLS is always required.")
        boolean pop3_plaintext_lan() default true;

        @AttributeDefinition(name = "Host name", description = "Name in the greeting and Received: headers; empty: mail.<domain>.", required = false)
        String hostname() default "";

        @AttributeDefinition(name = "Size limit (bytes)")
        int max_size() default 10 * 1024 * 1024;

        @AttributeDefinition(name = "Recipients per message")
        int max_recipients() default 100;

        @AttributeDefinition(name = "Idle timeout (s)", description = "A client silent this long is disconnected.")
        int timeout() default 300;

        @AttributeDefinition(name = "Relay from the WAN", description = "Relay mail for other domains for unauthenticated WAN clients. "
                + "Leave off: an open relay is abused within hours; the security audit warns while it is on.")
        boolean relay_wan() default false;

        @AttributeDefinition(name = "Outbound port", description = "Port of the other domains' mail exchangers (25).")
        int outbound_port() default 25;

        @AttributeDefinition(name = "DNS server", description = "host[:port] asked for MX records; empty: the first WAN DNS server.", required = false)
        String dns_server() default "";

        @AttributeDefinition(name = "Smarthost", description = "host:port that takes all outbound mail (for ISPs that block port 25); empty: deliver by MX.", required = false)
        String smarthost() default "";

        @AttributeDefinition(name = "Smarthost user", description = "Login at the smarthost (AUTH PLAIN, only ever over STARTTLS); empty: no login.", required = false)
        String smarthost_user() default "";

        @AttributeDefinition(name = "Smarthost password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD, required = false)
        String smarthost_password() default "";

        @AttributeDefinition(name = "Verify the smarthost's certificate", description = "Its certificate must be valid for its host name; "
                + "off: encrypted, but any certificate is taken.")
        boolean smarthost_tls_verify() default true;

        @AttributeDefinition(name = "Queue lifetime (hours)", description = "Undeliverable mail is bounced to its sender after this long.")
        int queue_lifetime() default 120;

        @AttributeDefinition(name = "TLS key store", description = "PKCS#12 file in etc/; missing: a self-signed certificate is made.")
        String tls_keystore() default "mail.p12";

        @AttributeDefinition(name = "TLS key store password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD, required = false)
        String tls_password() default "";
    }

    private final BundleContext context;
    private final UserDirectory users;
    private final NetworkModel network;
    private final ConfigProblems problems;
    private final MailStore store;
    private final OutboundQueue queue;
    private final List<MailAlias> aliases = new CopyOnWriteArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong bounced = new AtomicLong();
    private final OutboundDelivery outbound;
    private final ScheduledExecutorService deliveryThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-mail-outbound");
        t.setDaemon(true);
        return t;
    });
    private volatile MailSettings settings;
    private SmtpEndpoints smtp;
    private Pop3Endpoints pop3;

    @Activate
    public MailServer(BundleContext context, @Reference UserDirectory users, @Reference NetworkModel network,
            @Reference ConfigProblems problems, Map<String, Object> properties) throws IOException {
        this.context = context;
        this.users = users;
        this.network = network;
        this.problems = problems;
        Path data = Path.of(String.valueOf(context.getProperty("switchboard.home")), "data", "mail");
        store = new MailStore(data);
        queue = new OutboundQueue(data.resolve("queue"));
        outbound = new OutboundDelivery(queue, this::bounce);
        settings = parseOrDefaults(properties);
        start();
        deliveryThread.scheduleWithFixedDelay(() -> runQueue(false), 5, 30, TimeUnit.SECONDS);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        try {
            MailSettings next = MailSettings.parse(properties);
            problems.clear(PID);
            if (next.equals(settings)) return;
            stop();
            settings = next;
            start();
        } catch (InvalidConfigurationException e) {
            problems.report(PID, e);
        }
    }

    @Override
    public void tunnelChanged(Optional<Tunnel> tunnel) {
        vpnNetworks = tunnel.map(Tunnel::networks).orElse(List.of());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stop();
        outbound.close();
        deliveryThread.shutdownNow();
        deliveryThread.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Tries every queued message now, whatever its back-off. */
    public void flushQueue() {
        deliveryThread.execute(() -> runQueue(true));
    }

    private void runQueue(boolean all) {
        try {
            MailSettings s = settings;
            NetworkSettings n = network.current();
            OutboundDelivery.Outcome o = outbound.run(new OutboundDelivery.Route(resolver(s, n), s.outboundPort(),
                    s.smarthost().isEmpty() ? Optional.empty()
                            : Optional.of(new Smarthost(hostPort(s.smarthost(), 25), s.smarthostUser(), s.smarthostPassword(), s.smarthostVerify())),
                    Duration.ofHours(s.queueLifetimeHours()), hostName(s), n.domain()), all);
            sent.addAndGet(o.sent());
            bounced.addAndGet(o.bounced());
        } catch (RuntimeException e) {
            // an exception would cancel the periodic run for good
            LOG.error("outbound queue run failed", e);
        }
    }

    private static InetSocketAddress resolver(MailSettings s, NetworkSettings n) {
        if (!s.dnsServer().isEmpty()) {
            InetSocketAddress configured = hostPort(s.dnsServer(), 53);
            return new InetSocketAddress(configured.getHostString(), configured.getPort());
        }
        return n.wanDns().isEmpty() ? new InetSocketAddress("127.0.0.1", 53) : new InetSocketAddress(n.wanDns().get(0), 53);
    }

    private static InetSocketAddress hostPort(String text, int defaultPort) {
        int colon = text.lastIndexOf(':');
        return colon < 0 ? InetSocketAddress.createUnresolved(text, defaultPort)
                : InetSocketAddress.createUnresolved(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    /** A bounce goes to a local mailbox, or into the queue with the null sender (so it never bounces itself). */
    private void bounce(String to, byte[] report) throws IOException {
        try {
            Optional<Destination> d = policy().router().route(to);
            if (d.isEmpty()) LOG.warn("bounce for unknown local sender {} dropped", to);
            else if (d.get() instanceof Destination.Local local) for (String m : local.mailboxes()) store.mailbox(m).deliver(report);
            else queue.enqueue("", List.of(to), report);
        } catch (AliasLoopException e) {
            LOG.warn("bounce for {} dropped: {}", to, e.getMessage());
        }
    }

    private MailSettings parseOrDefaults(Map<String, Object> properties) {
        try {
            MailSettings parsed = MailSettings.parse(properties);
            problems.clear(PID);
            return parsed;
        } catch (InvalidConfigurationException e) {
            problems.report(PID, e);
            try {
                return MailSettings.parse(Map.of());
            } catch (InvalidConfigurationException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private synchronized void start() {
        MailSettings s = settings;
        String hostName = hostName(s);
        try {
            Path home = Path.of(String.valueOf(context.getProperty("switchboard.home")));
            var tls = TlsMaterial.load(home.resolve("etc").resolve(s.keyStore()), s.keyStorePassword(), store.root().resolve("tls"), hostName);
            smtp = new SmtpEndpoints(context, s, hostName, tls, users, this::policy, this::deliver);
            pop3 = new Pop3Endpoints(context, s, tls, users, store,
                    socket -> s.pop3PlaintextFromLan() && ClientNetwork.trusted(socket.getInetAddress(), network.current(), vpnNetworks));
        } catch (IOException | GeneralSecurityException e) {
            LOG.error("mail server not started: {}", e.getMessage(), e);
        }
    }

    private synchronized void stop() {
        if (smtp != null) smtp.stop();
        if (pop3 != null) pop3.stop();
        smtp = null;
        pop3 = null;
    }

    private String hostName(MailSettings s) {
        return s.hostName().isEmpty() ? "mail." + network.current().domain() : s.hostName();
    }

    /** The rules for a transaction starting now. */
    InboundPolicy policy() {
        RecipientRouter router = router();
        return new InboundPolicy(router, router.aliases(), network.current(), vpnNetworks, settings.relayFromWan(), settings.maxSize());
    }

    /** Where an address of the office domain delivers now: its user, or its alias's members. */
    public RecipientRouter router() {
        return new RecipientRouter(network.current().domain(), aliases(), user -> users.find(user).isPresent());
    }

    private void deliver(Set<String> mailboxes, Map<String, Set<String>> remoteBySender, byte[] message) throws IOException {
        for (String mailbox : mailboxes) store.mailbox(mailbox).deliver(message);
        for (Map.Entry<String, Set<String>> e : remoteBySender.entrySet()) queue.enqueue(e.getKey(), List.copyOf(e.getValue()), message);
        accepted.incrementAndGet();
        delivered.addAndGet(mailboxes.size());
        queued.addAndGet(remoteBySender.size());
        if (!remoteBySender.isEmpty()) deliveryThread.execute(() -> runQueue(false));
    }

    public AliasTable aliases() {
        Map<String, List<String>> definitions = new HashMap<>();
        for (MailAlias a : aliases) a.definition().ifPresent(d -> definitions.put(d.name(), d.members()));
        return new AliasTable(definitions);
    }

    public MailSettings settings() {
        return settings;
    }

    public MailStore store() {
        return store;
    }

    public OutboundQueue queue() {
        return queue;
    }

    /** Counters since start: messages accepted, copies delivered to mailboxes, queue entries made; open sessions. */
    public record Stats(long accepted, long delivered, long queued, long sent, long bounced, long smtpSessions, long pop3Sessions) {}

    public synchronized Stats stats() {
        return new Stats(accepted.get(), delivered.get(), queued.get(), sent.get(), bounced.get(), smtp == null ? 0 : smtp.openSessions(),
                pop3 == null ? 0 : pop3.openSessions());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAlias(MailAlias alias) {
        aliases.add(alias);
    }

    void removeAlias(MailAlias alias) {
        aliases.remove(alias);
    }
}
