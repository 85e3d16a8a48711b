package switchboard.firewall.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import switchboard.api.network.NetworkMode;

/**
 * The kernel accepts every mode's ruleset (with the VPN's rules), twice in a row (the second replaces the first), in a network
 * namespace of its own ({@code unshare --net}), never this machine's. Needs root and nft.
 */
class RulesetInKernelTest {

    @BeforeAll
    static void needsRootAndNft() throws IOException {
        assumeTrue(Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t"), "not root: the kernel check is skipped");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nft")), "nft is not installed (apt-get install nftables)");
    }

    @ParameterizedTest
    @EnumSource(NetworkMode.class)
    void theKernelTakesTheRulesetAndItsReplacement(NetworkMode mode) throws Exception {
        String ruleset = RulesetRenderer.render(Policies.withTunnel(mode));
        String script = "set -e\nnft add table inet other\nnft -f /dev/stdin <<'EOF'\n" + ruleset + "EOF\nnft -f /dev/stdin <<'EOF'\n"
                + ruleset + "EOF\nnft list tables";
        Process p = new ProcessBuilder("unshare", "--net", "sh", "-c", script).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "nft finished");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        List<String> expected = Policies.of(mode).nat() ? List.of("table inet other", "table inet switchboard", "table ip switchboard_nat")
                : List.of("table inet other", "table inet switchboard");
        assertEquals(expected, output.lines().toList(), "an unrelated table stays; the nat table exists only in the NAT modes");
    }
}
