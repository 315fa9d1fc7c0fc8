package cn.huren.server.registry;

import cn.huren.plugin.api.PartyRegistry;
import cn.huren.server.party.InvalidIdentifierException;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyRole;
import cn.huren.server.party.PartyView;
import cn.huren.server.tenancy.TenantData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The host service {@link PartyRegistry}: a party of the current tenant as its registry holds it, read in one
 * read-only transaction (joining the caller's, if any). The field names and document categories are listed in
 * docs/plugins.md.
 */
@Component
class PluginPartyRegistry implements PartyRegistry {

    /** A document's category when the core gives it none (an attachment that is no registration document). */
    static final String OTHER = "OTHER";

    private final PartyRegistration parties;
    private final JdbcClient jdbc;
    private final TransactionTemplate reads;

    PluginPartyRegistry(PartyRegistration parties, TenantData data, PlatformTransactionManager transactions) {
        this.parties = parties;
        this.jdbc = data.jdbc();
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
    }

    @Override
    public Optional<Snapshot> snapshot(long partyId) {
        return reads.execute(s -> {
            Optional<Instant> updatedAt = jdbc.sql("select updated_at from party where id = ?").param(partyId)
                    .query((rs, n) -> instant(rs, "updated_at")).optional();
            if (updatedAt.isEmpty()) {
                return Optional.empty();
            }
            PartyView party = parties.require(partyId);
            return Optional.of(new Snapshot(partyId, party.kind().name(), party.name(), party.identifier(), party.version(),
                    fields(party), documents(partyId), records(partyId), updatedAt.get()));
        });
    }

    @Override
    public OptionalLong findNaturalPerson(String residentId) {
        if (residentId == null || residentId.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return parties.findByResidentId(residentId.strip()).filter(p -> p.kind() == PartyKind.NATURAL_PERSON)
                    .map(p -> OptionalLong.of(p.id())).orElse(OptionalLong.empty());
        } catch (InvalidIdentifierException notAnId) {
            return OptionalLong.empty();
        }
    }

    /** The basic information by the core's names: the identity first, then what the party maintains; blanks left out. */
    static Map<String, String> fields(PartyView party) {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "name", party.name());
        put(fields, party.kind() == PartyKind.ENTERPRISE ? "uscc" : "residentId", party.identifier());
        put(fields, "documentType", party.documentType() == null ? null : party.documentType().name());
        put(fields, "roles", party.roles() == null ? null : party.roles().stream().map(PartyRole::name).sorted().collect(Collectors.joining(",")));
        if (party.basicInfo() != null) {
            party.basicInfo().forEach((name, value) -> put(fields, name, value == null ? null : value.toString()));
        }
        return fields;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.putIfAbsent(name, value.strip());
        }
    }

    /**
     * Every attachment of the party; a registration document's role (BUSINESS_LICENCE …) is its category, else the
     * category the party uploaded it under ({@link PluginPartyDocuments}), else OTHER.
     */
    private List<Document> documents(long partyId) {
        return jdbc.sql("""
                        select a.id, a.file_name, a.media_type, a.size, a.sha256, a.created_at,
                          coalesce((select min(d.role) from registration_document d where d.party_id = a.party_id and d.attachment_id = a.id),
                            (select p.category from party_document p where p.party_id = a.party_id and p.attachment_id = a.id)) as role
                        from attachment a where a.party_id = ? order by a.created_at, a.id""")
                .param(partyId)
                .query((rs, n) -> new Document(rs.getString("id"), rs.getString("role") == null ? OTHER : rs.getString("role"),
                        rs.getString("file_name"), rs.getString("media_type"), rs.getLong("size"), rs.getString("sha256"),
                        instant(rs, "created_at")))
                .list();
    }

    private List<Record> records(long partyId) {
        return jdbc.sql("select id, kind, status, data, version from registry_record where party_id = ? and status <> ? order by id")
                .params(partyId, RecordStatus.VOIDED.name())
                .query((rs, n) -> record(rs))
                .list();
    }

    private static Record record(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        RecordKind known = java.util.Arrays.stream(RecordKind.values()).filter(k -> k.name().equals(kind)).findFirst().orElse(null);
        return new Record(rs.getLong("id"), known == null ? kind : known.code(), rs.getString("status"),
                title(known, RecordView.read(rs.getString("data"))), rs.getLong("version"));
    }

    /** The kind's label and the record's first required field, e.g. 企业银行账户：中国银行. */
    static String title(RecordKind kind, Map<String, Object> data) {
        if (kind == null) {
            return "";
        }
        return kind.fields().stream().filter(FieldSpec::required).map(f -> data.get(f.name()))
                .filter(v -> v != null && !v.toString().isBlank()).findFirst()
                .map(v -> kind.labelZh() + "：" + v).orElse(kind.labelZh());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
