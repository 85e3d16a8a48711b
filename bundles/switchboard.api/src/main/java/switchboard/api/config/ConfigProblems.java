package switchboard.api.config;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Where components report refused configurations; shown in {@code sb:status} and on the console. */
@ProviderType
public interface ConfigProblems {
    /** Records the problem for the PID (replacing an earlier one) and logs it in one line. */
    void report(String pid, InvalidConfigurationException problem);

    /** The PID's configuration was accepted. */
    void clear(String pid);

    List<ConfigProblem> current();
}
