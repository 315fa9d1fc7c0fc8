package cn.huren.server.binding;

import cn.huren.server.session.PartyAccess;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The one read of a session's certificate binding per request, for its {@link PartyAccess} (sessions know no bindings). */
@Component
class ActiveBindings implements PartyAccess.BindingLookup {

    private final JdbcClient jdbc;

    ActiveBindings(DataSource dataSource) {
        this.jdbc = JdbcClient.create(new JdbcTemplate(dataSource));
    }

    /** At most one: a certificate has one binding that is not VOIDED (uk_binding_active_fingerprint). */
    @Override
    @Transactional(readOnly = true)
    public Optional<PartyAccess.ActiveBinding> activeBinding(long partyId, String fingerprint) {
        return jdbc.sql("select is_primary, disabled_at is not null from certificate_binding "
                        + "where party_id = ? and fingerprint = ? and status = 'ACTIVE'")
                .params(partyId, fingerprint)
                .query((rs, n) -> new PartyAccess.ActiveBinding(rs.getBoolean(1), rs.getBoolean(2))).optional();
    }
}
