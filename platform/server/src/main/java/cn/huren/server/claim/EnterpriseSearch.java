package cn.huren.server.claim;

import cn.huren.server.party.InvalidIdentifierException;
import cn.huren.server.party.Uscc;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.membership.Memberships;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.TextInput;
import cn.huren.server.tenancy.TenantData;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * APP-12: a verified person searches the tenant's enterprises by full name (contains, any case, at least 2 characters)
 * or exact USCC, at most {@value #LIMIT}; each found says only its name, USCC, whether it is registered in the app (has
 * an ACTIVE ADMIN) and what the person may do: claim or verify by bank transfer when not; apply to join, buy a
 * certificate (claim) or verify by bank transfer when it is. An enterprise not in the registry is claimed by typing
 * its name and USCC.
 */
@Service
public class EnterpriseSearch {

    public static final int LIMIT = 20;

    /** What the person may do with a found enterprise (APP-12's buttons). */
    public enum Action { CLAIM, JOIN, BUY_CERTIFICATE, BANK_TRANSFER }

    /**
     * One enterprise found; never more than this. {@code enterpriseId} only for a registered enterprise (the one a join
     * request names, APP-19); null otherwise.
     */
    public record Found(String name, String uscc, boolean registered, List<Action> actions, Long enterpriseId) {
    }

    private final JdbcClient jdbc;

    EnterpriseSearch(TenantData data) {
        this.jdbc = data.jdbc();
    }

    public static List<Action> actions(boolean registered) {
        return registered ? List.of(Action.JOIN, Action.BUY_CERTIFICATE, Action.BANK_TRANSFER) : List.of(Action.CLAIM, Action.BANK_TRANSFER);
    }

    @Transactional(readOnly = true)
    public List<Found> search(PartyAccess me, String query) {
        Memberships.requireVerifiedAccount(me);
        String q = query == null ? "" : query.strip();
        if (q.codePointCount(0, q.length()) < 2 || q.length() > 200) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("q",
                    "the enterprise's full name or part of it (at least 2 characters), or its USCC", "search-too-short")));
        }
        TextInput.check("q", q, 200);
        String uscc = usccOrNull(q);
        String pattern = "%" + q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                        select p.name, p.uscc, exists (select 1 from membership m where m.enterprise_id = p.id
                               and m.role = 'ADMIN' and m.status = 'ACTIVE') as registered, p.id
                        from party p
                        where p.kind = 'ENTERPRISE' and (p.uscc = cast(? as varchar) or lower(p.name) like ? escape '\\')
                        order by (p.uscc = cast(? as varchar)) is true desc, length(p.name), p.name, p.id limit ?""")
                .params(uscc, pattern, uscc, LIMIT)
                .query((rs, n) -> new Found(rs.getString(1), rs.getString(2), rs.getBoolean(3), actions(rs.getBoolean(3)),
                        rs.getBoolean(3) ? rs.getLong(4) : null))
                .list();
    }

    private static String usccOrNull(String q) {
        try {
            return Uscc.parse(q).value();
        } catch (InvalidIdentifierException notUscc) {
            return null;
        }
    }
}
