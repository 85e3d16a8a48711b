package switchboard.core.internal.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.config.ConfigProblem;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.InvalidConfigurationException;

@Component(immediate = true)
public class ConfigProblemsImpl implements ConfigProblems {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigProblemsImpl.class);
    private final Map<String, ConfigProblem> problems = new ConcurrentHashMap<>();

    @Override
    public void report(String pid, InvalidConfigurationException e) {
        ConfigProblem previous = problems.get(pid);
        if (previous != null && Objects.equals(previous.key(), e.key()) && previous.reason().equals(e.getMessage())) return;
        ConfigProblem problem = new ConfigProblem(pid, e.key(), e.getMessage(), Instant.now());
        problems.put(pid, problem);
        LOG.error("configuration refused, keeping the last good one: {}", problem);
    }

    @Override
    public void clear(String pid) {
        if (problems.remove(pid) != null) LOG.info("configuration of {} accepted", pid);
    }

    @Override
    public List<ConfigProblem> current() {
        List<ConfigProblem> list = new ArrayList<>(problems.values());
        list.sort(Comparator.comparing(ConfigProblem::pid));
        return list;
    }
}
