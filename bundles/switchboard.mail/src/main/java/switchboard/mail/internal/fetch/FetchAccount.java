package switchboard.mail.internal.fetch;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;

/**
 * One mailbox at the provider that Switchboard fetches by POP3: a factory configuration of PID
 * {@code switchboard.mail.fetch} (e.g. {@code etc/switchboard.mail.fetch-anna.cfg}).
 */
@Component(service = FetchAccount.class, configurationPid = FetchAccount.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FetchAccount.Config.class, factory = true)
public class FetchAccount {
    static final String FACTORY_PID = "switchboard.mail.fetch";
    private static final Logger LOG = LoggerFactory.getLogger(FetchAccount.class);

    @ObjectClassDefinition(name = "Switchboard mail fetch",
            description = "A mailbox at the provider fetched by POP3 into a local mailbox. An account of the user admin is the "
                    + "office's catch-all: each message goes to the users and aliases it is addressed to, to admin when none is local.")
    @interface Config {
        @AttributeDefinition(name = "User", description = "The local user whose mailbox receives the messages; admin: the catch-all.")
        String user();

        @AttributeDefinition(name = "Server", description = "The provider's POP3 server (host name or address).")
        String server();

        @AttributeDefinition(name = "TLS", description = "starttls (STLS on port 110), implicit (port 995) or none (plain text: "
                + "the password crosses the network readable).", options = {
                        @Option(label = "STLS", value = "starttls"),
                        @Option(label = "Implicit TLS (POP3S)", value = "implicit"),
                        @Option(label = "None", value = "none")})
        String tls() default "starttls";

        @AttributeDefinition(name = "Port", description = "Empty: 110, or 995 with implicit TLS.", required = false)
        int port();

        @AttributeDefinition(name = "Login", description = "The user name at the provider.")
        String login();

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "The password at the provider; never shown in the console or the log. "
                + "Saved encrypted (enc:...) with a key in data/mail/fetch/ once read.")
        String password();

        @AttributeDefinition(name = "Interval (s)", description = "Time between two fetches; after a failure it grows up to an hour.")
        int interval() default 300;

        @AttributeDefinition(name = "Keep on the server", description = "Leave the messages at the provider; the ones fetched "
                + "are remembered in data/mail/fetch/ and never fetched twice.")
        boolean keep() default false;

        @AttributeDefinition(name = "Timeout (s)", description = "A server silent this long ends the fetch.")
        int timeout() default 60;

        @AttributeDefinition(name = "Trusted certificate", description = "A PEM file in etc/ with the certificate(s) to trust "
                + "for this server instead of the system's authorities (for a provider with its own CA).", required = false)
        String tls_certificate() default "";
    }

    private final ConfigProblems problems;
    private final ConfigurationAdmin configurations;
    private final PasswordVault vault;
    private volatile String pid = FACTORY_PID;
    private volatile Optional<FetchSettings> settings = Optional.empty();

    @Activate
    public FetchAccount(BundleContext context, @Reference ConfigProblems problems, @Reference ConfigurationAdmin configurations,
            Map<String, Object> properties) {
        this.problems = problems;
        this.configurations = configurations;
        this.vault = PasswordVault.of(context);
        modified(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        pid = new ConfigValues(properties).string("service.pid", FACTORY_PID);
        try {
            FetchSettings next = FetchSettings.parse(properties);
            // the password sealed in place of its clear text is no change of the account (nor a new incident)
            if (settings.isEmpty() || !sealedFormOf(next, settings.get())) settings = Optional.of(next);
            problems.clear(pid);
            if (!PasswordVault.sealed(settings.get().password())) sealPassword();
        } catch (InvalidConfigurationException e) {
            problems.report(pid, e);
        }
    }

    private boolean sealedFormOf(FetchSettings next, FetchSettings current) {
        try {
            return PasswordVault.sealed(next.password()) && !PasswordVault.sealed(current.password())
                    && next.withPassword(vault.open(next.password())).equals(current);
        } catch (IOException e) {
            return false;
        }
    }

    /** Replaces a clear-text password in the configuration (and so in its file in etc/) by its enc: form. */
    private void sealPassword() {
        try {
            Configuration configuration = configurations.getConfiguration(pid, "?");
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null || !(properties.get("password") instanceof String clear) || PasswordVault.sealed(clear)) return;
            properties.put("password", vault.seal(clear));
            configuration.update(properties);
        } catch (IOException e) {
            LOG.warn("{}: the password stays in clear text: {}", pid, e.getMessage());
        }
    }

    public String pid() {
        return pid;
    }

    /** The last valid settings; empty if this configuration never was valid. */
    public Optional<FetchSettings> settings() {
        return settings;
    }
}
