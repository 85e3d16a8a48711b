package switchboard.dns.internal.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.dns.Registration;
import switchboard.api.network.Cidr;

class OfficeZoneTest {
    private static final Clock NOV_23 = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path data;
    private OfficeZone zone;

    @BeforeEach
    void create() throws Exception {
        zone = new OfficeZone(new ZoneStateFile(data), NOV_23, Networks.office("example.com", "203.0.113.10"), Runnable::run);
    }

    @Test
    void builtInNamesPointAtTheWanOrLanAddressAsTheSeedLists() {
        Zone z = zone.snapshot().internal();
        for (String wanName : List.of("www", "wan")) assertEquals(Set.of("203.0.113.10"), addresses(z, wanName));
        for (String lanName : List.of("corp", "admin", "lan")) assertEquals(Set.of("192.168.2.254"), addresses(z, lanName));
        for (String both : List.of("smtp", "pop", "ns")) assertEquals(Set.of("203.0.113.10", "192.168.2.254"), addresses(z, both));
        MXRecord mx = (MXRecord) z.findExactMatch(name("example.com."), Type.MX).first();
        assertEquals(name("smtp.example.com."), mx.getTarget());
        assertEquals(name("ns.example.com."), ((org.xbill.DNS.NSRecord) z.getNS().first()).getTarget());
        assertEquals(2026112300L, z.getSOA().getSerial());
    }

    @Test
    void aNewWanAddressIsServedAtOnceWithABumpedSerialAndUnknownWanLeavesOnlyLanNames() {
        zone.network(Networks.office("example.com", "198.51.100.7"));
        assertEquals(Set.of("198.51.100.7"), addresses(zone.snapshot().internal(), "www"));
        assertEquals(2026112301L, zone.snapshot().serial());

        zone.network(Networks.office("example.com", null));
        assertNull(zone.snapshot().internal().findExactMatch(name("www.example.com."), Type.A));
        assertEquals(Set.of("192.168.2.254"), addresses(zone.snapshot().internal(), "smtp"));
        assertEquals(2026112302L, zone.snapshot().serial());
    }

    @Test
    void unchangedNetworkSettingsKeepTheSerial() {
        zone.network(Networks.office("example.com", "203.0.113.10"));
        assertEquals(2026112300L, zone.snapshot().serial());
    }

    @Test
    void staticRecordsOfEveryTypeAreServedAndFollowADomainChange() throws Exception {
        zone.putStatic("r1", Map.of("name", "pbx", "type", "A", "value", "192.168.2.10"));
        zone.putStatic("r2", Map.of("name", "pbx", "type", "AAAA", "value", "2001:db8::10"));
        zone.putStatic("r3", Map.of("name", "phones", "type", "CNAME", "value", "pbx"));
        zone.putStatic("r4", Map.of("name", "@", "type", "TXT", "value", "\"v=spf1 mx -all\""));
        zone.putStatic("r5", Map.of("name", "_sip._udp", "type", "SRV", "value", "10 5 5060 pbx", "ttl", "600"));
        zone.putStatic("r6", Map.of("name", "@", "type", "MX", "value", "20 backup-mx.example.net."));
        Zone z = zone.snapshot().internal();
        assertEquals(Set.of("192.168.2.10"), addresses(z, "pbx"));
        assertEquals("pbx.example.com.", z.findExactMatch(name("phones.example.com."), Type.CNAME).first().rdataToString());
        assertEquals(600, z.findExactMatch(name("_sip._udp.example.com."), Type.SRV).getTTL());
        assertEquals(2, z.findExactMatch(name("example.com."), Type.MX).size());

        zone.network(Networks.office("office.test", "203.0.113.10"));
        assertEquals(Set.of("192.168.2.10"), addresses(zone.snapshot().internal(), "pbx", "office.test."));
    }

    @Test
    void staticRecordsThatBreakTheZoneRulesAreRefusedNamingTheKey() throws Exception {
        zone.putStatic("r1", Map.of("name", "pbx", "type", "A", "value", "192.168.2.10"));
        assertEquals("type", refused(Map.of("name", "pbx", "type", "CNAME", "value", "www")).key());
        assertEquals("type", refused(Map.of("name", "@", "type", "CNAME", "value", "www")).key());
        zone.putStatic("r2", Map.of("name", "fax", "type", "CNAME", "value", "pbx"));
        assertEquals("name", refused(Map.of("name", "fax", "type", "TXT", "value", "x")).key());
        assertEquals("name", refused(Map.of("name", "www", "type", "A", "value", "10.0.0.1")).key());
        assertEquals("name", refused(Map.of("name", "host.example.org.", "type", "A", "value", "10.0.0.1")).key());
        assertEquals("ttl", refused(Map.of("name", "a", "type", "A", "value", "10.0.0.1", "ttl", "5")).key());
        assertEquals("ttl", refused(Map.of("name", "a", "type", "A", "value", "10.0.0.1", "ttl", "9999999")).key());
        assertEquals("type", refused(Map.of("name", "a", "type", "NS", "value", "ns.example.net.")).key());
        assertEquals("value", refused(Map.of("name", "a", "type", "A", "value", "10.0.0.300")).key());
        assertEquals("name", refused(Map.of("name", "bad..name", "type", "A", "value", "10.0.0.1")).key());
        assertEquals(2, zone.statics().size(), "refused records leave the zone as it was");
    }

    @Test
    void dhcpNamesNeverOverwriteStaticOrBuiltInNamesAndTheFirstClientKeepsAName() throws Exception {
        zone.putStatic("r1", Map.of("name", "pbx", "type", "A", "value", "192.168.2.10"));
        assertEquals(Registration.CONFLICT_STATIC, zone.register("www", ip("192.168.2.50"), "client-a"));
        assertEquals(Registration.CONFLICT_STATIC, zone.register("PBX", ip("192.168.2.50"), "client-a"));
        assertEquals(Registration.INVALID_NAME, zone.register("two.labels", ip("192.168.2.50"), "client-a"));
        assertEquals(Registration.INVALID_NAME, zone.register("-dash", ip("192.168.2.50"), "client-a"));
        assertEquals(Registration.REGISTERED, zone.register("laptop", ip("192.168.2.50"), "client-a"));
        assertEquals(Registration.CONFLICT_OTHER_CLIENT, zone.register("Laptop", ip("192.168.2.51"), "client-b"));
        assertEquals(Set.of("192.168.2.50"), addresses(zone.snapshot().internal(), "laptop"));

        assertEquals(Registration.REGISTERED, zone.register("notebook", ip("192.168.2.52"), "client-a"));
        assertNull(zone.snapshot().internal().findExactMatch(name("laptop.example.com."), Type.A), "a renamed client frees its old name");
        assertEquals(Map.of("client-a", "notebook"), zone.registrations());
        zone.unregister("client-a");
        assertNull(zone.snapshot().internal().findExactMatch(name("notebook.example.com."), Type.A));
    }

    @Test
    void wanClientsSeeOnlyPublicNamesInTheExternalView() throws Exception {
        zone.putStatic("r1", Map.of("name", "intranet", "type", "A", "value", "192.168.2.20"));
        zone.putStatic("r2", Map.of("name", "shop", "type", "A", "value", "203.0.113.20", "public", "true"));
        zone.register("laptop", ip("192.168.2.50"), "client-a");
        Zone external = zone.snapshot().external();
        assertEquals(Set.of("203.0.113.20"), addresses(external, "shop"));
        assertEquals(Set.of("203.0.113.10"), addresses(external, "www"));
        assertTrue(external.findRecords(name("intranet.example.com."), Type.A).isNXDOMAIN());
        assertTrue(external.findRecords(name("laptop.example.com."), Type.A).isNXDOMAIN());
        assertEquals(Set.of("192.168.2.50"), addresses(zone.snapshot().internal(), "laptop"));
    }

    @Test
    void dhcpNamesAndTheSerialSurviveARestart() throws Exception {
        zone.register("laptop", ip("192.168.2.50"), "01:aa:bb:cc:dd:ee:ff");
        long serial = zone.snapshot().serial();
        OfficeZone restarted = new OfficeZone(new ZoneStateFile(data), NOV_23, Networks.office("example.com", "203.0.113.10"), Runnable::run);
        assertEquals(Set.of("192.168.2.50"), addresses(restarted.snapshot().internal(), "laptop"));
        assertEquals(Map.of("01:aa:bb:cc:dd:ee:ff", "laptop"), restarted.registrations());
        assertTrue(restarted.snapshot().serial() > serial, "the serial never goes back");
    }

    @Test
    void aBurstOfStaticRecordsBecomesOneVersionWithOneSerial() throws Exception {
        List<Runnable> scheduled = new ArrayList<>();
        OfficeZone gathering = new OfficeZone(new ZoneStateFile(data.resolve("burst")), NOV_23, Networks.office("example.com", "203.0.113.10"), scheduled::add);
        long before = gathering.snapshot().serial();
        for (int i = 1; i <= 300; i++) gathering.putStatic("r" + i, Map.of("name", "host" + i, "type", "A", "value", "192.168.3." + (i % 250 + 1)));

        assertEquals(1, scheduled.size(), "one publication is pending for the whole burst");
        assertTrue(gathering.snapshot().internal().findRecords(name("host1.example.com."), Type.A).isNXDOMAIN(), "not served before it is published");
        scheduled.get(0).run();

        assertEquals(before + 1, gathering.snapshot().serial());
        assertEquals(Set.of("192.168.3.1"), addresses(gathering.snapshot().internal(), "host250"));
        assertEquals(Set.of("192.168.3.51"), addresses(gathering.snapshot().internal(), "host300"));
    }

    @Test
    void serialsAreDateBasedAndAlwaysGrow() {
        assertEquals(2026112300L, Serial.next(0, java.time.LocalDate.of(2026, 11, 23)));
        assertEquals(2026112343L, Serial.next(2026112342L, java.time.LocalDate.of(2026, 11, 23)));
        assertEquals(2026112400L, Serial.next(2026112342L, java.time.LocalDate.of(2026, 11, 24)));
        assertEquals(2026112500L, Serial.next(2026112499L, java.time.LocalDate.of(2026, 11, 23)), "a busy day borrows from the next");
    }

    private InvalidConfigurationException refused(Map<String, ?> properties) {
        return assertThrows(InvalidConfigurationException.class, () -> zone.putStatic("new", properties));
    }

    private static Set<String> addresses(Zone z, String label) {
        return addresses(z, label, "example.com.");
    }

    private static Set<String> addresses(Zone z, String label, String domain) {
        RRset set = z.findExactMatch(name(label + "." + domain), Type.A);
        if (set == null) return Set.of();
        return set.rrs(false).stream().map(Record::rdataToString).collect(Collectors.toSet());
    }

    static Name name(String s) {
        try {
            return Name.fromString(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static java.net.Inet4Address ip(String s) {
        return Cidr.parseIpv4(s);
    }
}
