package switchboard.dns.internal.server;

import java.util.HashSet;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * Authoritative answers from one view of the office zone: follows CNAMEs inside the zone, adds the
 * addresses of MX, SRV and NS targets, and gives NXDOMAIN or no-data with the SOA for negative caching.
 */
final class Authority {
    private static final int MAX_CNAME_CHAIN = 8;

    private Authority() {}

    static void answer(Zone zone, Record question, Message response) {
        response.getHeader().setFlag(Flags.AA);
        Name name = question.getName();
        Set<Name> seen = new HashSet<>();
        for (int step = 0; step < MAX_CNAME_CHAIN && seen.add(name); step++) {
            SetResponse found = zone.findRecords(name, question.getType());
            if (found.isSuccessful()) {
                for (RRset set : found.answers()) {
                    set.rrs(false).forEach(r -> response.addRecord(r, Section.ANSWER));
                    set.rrs(false).forEach(r -> addTargetAddresses(zone, r, response));
                }
                return;
            }
            if (found.isCNAME()) {
                CNAMERecord cname = found.getCNAME();
                response.addRecord(cname, Section.ANSWER);
                name = cname.getTarget();
                if (!name.subdomain(zone.getOrigin())) return;
                continue;
            }
            if (found.isNXDOMAIN()) response.getHeader().setRcode(Rcode.NXDOMAIN);
            addNegativeSoa(zone, response);
            return;
        }
    }

    private static void addNegativeSoa(Zone zone, Message response) {
        SOARecord soa = zone.getSOA();
        long ttl = Math.min(soa.getTTL(), soa.getMinimum());
        response.addRecord(new SOARecord(soa.getName(), soa.getDClass(), ttl, soa.getHost(), soa.getAdmin(), soa.getSerial(),
                soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum()), Section.AUTHORITY);
    }

    private static void addTargetAddresses(Zone zone, Record record, Message response) {
        Name target = record instanceof MXRecord mx ? mx.getTarget()
                : record instanceof SRVRecord srv ? srv.getTarget()
                : record instanceof NSRecord ns ? ns.getTarget() : null;
        if (target == null || !target.subdomain(zone.getOrigin())) return;
        for (int type : new int[] {Type.A, Type.AAAA}) {
            RRset set = zone.findExactMatch(target, type);
            if (set != null)
                set.rrs(false).stream().filter(r -> !response.findRecord(r, Section.ADDITIONAL))
                        .forEach(r -> response.addRecord(r, Section.ADDITIONAL));
        }
    }
}
