package switchboard.mail.internal.alias;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;

/** One alias, a factory configuration of PID {@code switchboard.mail.alias} (e.g. {@code etc/switchboard.mail.alias-sales.cfg}). */
@Component(service = MailAlias.class, configurationPid = MailAlias.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MailAlias.Config.class, factory = true)
public class MailAlias {
    static final String FACTORY_PID = "switchboard.mail.alias";
    private static final Pattern LOCAL_PART = Pattern.compile("[a-z0-9][a-z0-9._+-]{0,63}");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._+=-]{1,64}@[A-Za-z0-9.-]{1,253}");

    @ObjectClassDefinition(name = "Switchboard mail alias",
            description = "An address of the office domain that delivers to users, other aliases or outside addresses.")
    @interface Config {
        @AttributeDefinition(name = "Name", description = "The local part, e.g. sales (for sales@domain).")
        String name();

        @AttributeDefinition(name = "Members", description = "Users, aliases or addresses, separated by spaces or commas. "
                + "The alias's own name means the user's mailbox: 'anna anna@isp.example' keeps a copy and forwards one.")
        String members();
    }

    /** A valid alias definition. */
    public record Definition(String name, List<String> members) {}

    private final ConfigProblems problems;
    private volatile Optional<Definition> definition = Optional.empty();

    @Activate
    public MailAlias(@Reference ConfigProblems problems, Map<String, Object> properties) {
        this.problems = problems;
        modified(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        String pid = new ConfigValues(properties).string("service.pid", FACTORY_PID);
        try {
            definition = Optional.of(parse(properties));
            problems.clear(pid);
        } catch (InvalidConfigurationException e) {
            problems.report(pid, e);
        }
    }

    /** The last valid definition; empty if this configuration never was valid. */
    public Optional<Definition> definition() {
        return definition;
    }

    static Definition parse(Map<String, Object> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        String name = v.string("name", "").toLowerCase();
        if (!LOCAL_PART.matcher(name).matches())
            throw new InvalidConfigurationException("name", "'" + name + "' is not a local part (letters, digits, . _ + -)");
        List<String> members = List.of(v.string("members", "").split("[\\s,]+"));
        if (members.isEmpty() || members.get(0).isEmpty()) throw new InvalidConfigurationException("members", "an alias needs at least one member");
        for (String m : members)
            if (!LOCAL_PART.matcher(m.toLowerCase()).matches() && !ADDRESS.matcher(m).matches())
                throw new InvalidConfigurationException("members", "'" + m + "' is neither a user, an alias nor an address");
        return new Definition(name, members);
    }
}
