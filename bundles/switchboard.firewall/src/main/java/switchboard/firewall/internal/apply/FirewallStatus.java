package switchboard.firewall.internal.apply;

import java.time.Instant;
import java.util.Optional;
import switchboard.firewall.internal.rules.FirewallPolicy;

/** What the firewall enforces: the policy and ruleset last applied, when, and the error of a later refused one. */
public record FirewallStatus(Optional<FirewallPolicy> policy, Optional<String> ruleset, Optional<Instant> appliedAt,
        Optional<String> error, boolean dryRun) {}
