package switchboard.audit.internal.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DnsRecursionCheckTest {
    @Test
    void privateNetworksAreFine() {
        assertEquals(List.of(), DnsRecursionCheck.publicNetworks("127.0.0.0/8, 10.8.0.0/24,192.168.2.0/24 172.20.0.0/16 100.64.1.0/24"));
    }

    @Test
    void publicSpaceAndEverythingAreFound() {
        assertEquals(List.of("0.0.0.0/0", "198.19.0.0/24", "10.0.0.0/7"),
                DnsRecursionCheck.publicNetworks("127.0.0.0/8,0.0.0.0/0,198.19.0.0/24,10.0.0.0/7"));
    }

    @Test
    void anEntryThatDoesNotParseIsReported() {
        assertEquals(List.of("everyone", "10.0.0.0/33"), DnsRecursionCheck.publicNetworks("everyone 10.0.0.0/33"));
    }
}
