package cn.huren.server.party;

import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hot party reads of the trading-system API as plain SQL, no JPA query translated per call.
 * A lookup by identifier is one auto-committed statement on the tenant's own table, named with the
 * current tenant's schema (from the validated tenant code) as {@code client/Nonces} names its
 * table: a single SELECT is consistent by itself, and without a transaction a lookup pays no schema
 * switch, no BEGIN and COMMIT, and no entity manager. Other reads run in a read-only transaction
 * (no flush, no dirty check) and join the caller's, if any.
 */
@Component
class PartyReads {

    private static final String COLUMNS = "id, kind, uscc, resident_id, document_type, name, roles, basic_info, basic_info_completed_at, "
            + "registered_via, created_at, version";
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcClient joined;
    private final TransactionTemplate reads;
    // built once: ObjectMapper.readValue looks the type's deserializer up on every call
    private final ObjectReader basicInfo = cn.huren.server.support.StrictJson.mapper().readerFor(MAP);

    PartyReads(TenantData data, PlatformTransactionManager transactions) {
        this.jdbc = data.singleStatement();
        this.joined = data.jdbc();
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
    }

    Optional<PartyView> byUscc(String uscc) {
        return jdbc.sql("select " + COLUMNS + " from " + table() + " where uscc = ?").param(uscc).query(this::view).optional();
    }

    Optional<PartyView> byResidentId(String residentId) {
        return jdbc.sql("select " + COLUMNS + " from " + table() + " where resident_id = ?").param(residentId).query(this::view).optional();
    }

    boolean exists(long partyId) {
        return Boolean.TRUE.equals(reads.execute(s -> joined.sql("select exists (select 1 from party where id = ?)").param(partyId)
                .query(Boolean.class).single()));
    }

    private static String table() {
        return TenantData.table("party");
    }

    /** What {@link PartyRegistration} makes of the entity, made of the row. */
    private PartyView view(ResultSet rs, int row) throws SQLException {
        PartyKind kind = PartyKind.valueOf(rs.getString("kind"));
        return new PartyView(rs.getLong("id"), kind, rs.getString(kind == PartyKind.ENTERPRISE ? "uscc" : "resident_id"),
                rs.getString("document_type") == null ? null : IdentityDocument.DocumentType.valueOf(rs.getString("document_type")),
                rs.getString("name"), Party.roles(rs.getString("roles")), read(rs.getString("basic_info")),
                rs.getObject("basic_info_completed_at") != null, rs.getString("registered_via"),
                instant(rs, "created_at"), rs.getInt("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private LinkedHashMap<String, Object> read(String text) {
        try {
            return basicInfo.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
