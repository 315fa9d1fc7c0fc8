package cn.huren.server.binding;

import cn.huren.server.session.PartySessions;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A certificate's usage log (证书日志, APP-33), newest first, from what is logged already: its logins
 * and refused logins in the tenant's login log (matched by serial and issuer, so attempts before it
 * was bound or after it was voided count too), the changes of its binding in the ledger (bound,
 * holder, primary, type, seals, disabled, enabled, voided, re-admitted) with who made them, and the changes made
 * while signed in with it (ledger entries whose actor is this certificate).
 */
@Service
public class CertificateLog {

    public static final int MAX_SIZE = 100;

    /**
     * One operation. {@code source}: LOGIN (action SUCCESS or REFUSED, detail what came next or why),
     * BINDING (a change of this certificate's entry) or USED (a change made with it; detail names the
     * record). {@code actor} and {@code actorHolder}: who did it, and that certificate's user when it is
     * one of the party's.
     */
    public record Entry(Instant at, String source, String action, String detail, String actor, String actorHolder) {
    }

    public record Page(long certificateId, int page, int size, boolean more, List<Entry> entries) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    CertificateLog(TenantData data, TransactionTemplate tx) {
        this.jdbc = data.jdbc();
        this.tx = tx;
    }

    /** {@code page} from 0, {@code size} 1 to 100; 404 for another party's certificate. */
    public Page page(long partyId, long id, int page, int size) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (page < 0 || page > 10_000) {
            errors.add(new ApiException.FieldError("page", "0 to 10000"));
        }
        if (size < 1 || size > MAX_SIZE) {
            errors.add(new ApiException.FieldError("size", "1 to " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return tx.execute(s -> {
            String[] certificate = jdbc.sql("select serial, issuer from certificate_binding where id = ? and party_id = ?").params(id, partyId)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional()
                    .orElseThrow(() -> ApiException.notFound("binding-not-found", "no certificate " + id + " of this party"));
            String actor = PartySessions.certificateActor(partyId, certificate[0]);
            List<Entry> entries = jdbc.sql("""
                    select at, source, action, detail, actor,
                      (select cb.holder_name from certificate_binding cb where cb.party_id = :party and x.actor = 'party:' || cb.party_id || '/cert:' || cb.serial
                       order by cb.id desc limit 1) as actor_holder
                    from (select l.at, 'LOGIN' as source, l.outcome as action, l.reason as detail, null as actor, l.id as seq
                            from login_log l where l.serial = :serial and l.issuer = :issuer
                          union all
                          select e.at, case when e.record_type = 'certificate-binding' and e.record_id = :id then 'BINDING' else 'USED' end,
                            e.action, case when e.record_type = 'certificate-binding' and e.record_id = :id then null
                            else e.record_type || ' ' || e.record_id end, e.actor, e.seq
                            from ledger_entry e where (e.record_type = 'certificate-binding' and e.record_id = :id) or e.actor = :actor) x
                    order by at desc, seq desc limit :limit offset :offset""")
                    .param("party", partyId).param("serial", certificate[0]).param("issuer", certificate[1]).param("id", Long.toString(id))
                    .param("actor", actor).param("limit", size + 1).param("offset", (long) page * size)
                    .query((rs, n) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("source"), rs.getString("action"),
                            rs.getString("detail"), rs.getString("actor"), rs.getString("actor_holder"))).list();
            boolean more = entries.size() > size;
            return new Page(id, page, size, more, more ? entries.subList(0, size) : entries);
        });
    }
}
