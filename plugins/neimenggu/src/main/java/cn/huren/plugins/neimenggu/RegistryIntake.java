package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginLedger;
import cn.huren.plugin.api.PartyRegistry;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PluginSettings;
import cn.huren.plugin.api.TenantTransactions;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * NMG-09, NMG-10: 自治区主体信息库 intake. The person maintains the registry on the core's page (修改信息) and the
 * plugin's 电子件管理 ({@link DocumentsPages});
 * 提交信息 checks on the server that the fields and documents the tenant requires ({@code intakeRequiredFields},
 * {@code intakeRequiredDocuments}; defaults for a natural person below) are there, and records 验证通过 or lists
 * what is missing, item by item. Once passed it stays passed: 验证通过 means the intake is complete (NMG-10); later
 * registry changes are the sync's business (NMG-17 re-sync), not a reason to redo the intake.
 */
@Component
class RegistryIntake {

    static final List<String> DEFAULT_FIELDS = List.of("name", "residentId", "contactPhone", "email", "address");
    static final List<String> DEFAULT_DOCUMENTS = List.of();

    /** Where the core maintains them, relative to the portal's base. */
    static final String FIELDS_PAGE = "/registry/basic-info";
    static final String DOCUMENTS_PAGE = "/p/neimenggu/documents";

    private static final Map<String, String[]> LABELS = labels();

    /** One missing item: {@code kind} FIELD or DOCUMENT, its name as the core names it, its labels, where to fix it. */
    record Missing(String kind, String name, String labelZh, String labelEn, String link) {

        String key() {
            return (kind.equals("FIELD") ? "fields." : "documents.") + name;
        }
    }

    /** 验证通过, or not yet (then {@code missing} says why when checked). */
    record Result(String status, boolean passed, Instant validatedAt, Long validatedVersion, List<Missing> missing) {
    }

    private final PartyRegistry registry;
    private final PluginSettings settings;
    private final JdbcClient jdbc;
    private final TenantTransactions tx;
    private final PluginLedger ledger;
    private final IntakeProgress progress;
    private final RegistryCheck check;
    private final Clock clock;

    RegistryIntake(PartyRegistry registry, PluginSettings settings, JdbcClient jdbc, TenantTransactions tx,
                   IntakeProgress progress, RegistryCheck check, Clock clock, PluginLedger ledger) {
        this.ledger = ledger;
        this.check = check;
        this.registry = registry;
        this.settings = settings;
        this.jdbc = jdbc;
        this.tx = tx;
        this.progress = progress;
        this.clock = clock;
    }

    List<String> requiredFields() {
        return names(NeimengguSchema.REQUIRED_FIELDS, DEFAULT_FIELDS);
    }

    List<String> requiredDocuments() {
        return names(NeimengguSchema.REQUIRED_DOCUMENTS, DEFAULT_DOCUMENTS);
    }

    PartyRegistry.Snapshot snapshot(long partyId) {
        requireStep(partyId);
        return registry.snapshot(partyId).orElseThrow(() -> new PluginProblem(404, "party-not-found",
                "主体库中没有该主体 / no such party in the registry"));
    }

    /** NMG-02: the registry step may be worked on (the binding is done); 409 {@code intake-order} otherwise. */
    void requireStep(long partyId) {
        progress.require(partyId, IntakeStep.REGISTRY);
    }

    /** What the tenant requires and the snapshot lacks, fields first, in the configured order. */
    List<Missing> missing(PartyRegistry.Snapshot snapshot) {
        List<Missing> missing = new java.util.ArrayList<>();
        for (String field : requiredFields()) {
            String value = snapshot.fields().get(field);
            if (value == null || value.isBlank()) {
                String[] l = LABELS.getOrDefault(field, new String[] {field, field});
                missing.add(new Missing("FIELD", field, l[0], l[1], FIELDS_PAGE));
            }
        }
        for (String category : requiredDocuments()) {
            if (snapshot.documents().stream().noneMatch(d -> category.equals(d.category()))) {
                String[] l = LABELS.getOrDefault(category, new String[] {category, category});
                missing.add(new Missing("DOCUMENT", category, l[0], l[1], DOCUMENTS_PAGE));
            }
        }
        return missing;
    }

    Result status(long partyId) {
        return validated(partyId).orElse(new Result("未提交", false, null, null, List.of()));
    }

    /**
     * 提交信息: 验证通过 (recorded with the registry's version) or 422 {@code intake-incomplete} naming each missing
     * field and document. Submitting again after passing answers 验证通过 again and keeps the first record.
     */
    Result submit(long partyId) {
        PartyRegistry.Snapshot snapshot = snapshot(partyId);
        List<Missing> missing = missing(snapshot);
        if (!missing.isEmpty()) {
            throw new PluginProblem(422, "intake-incomplete", "验证未通过，请补全以下信息 / validation failed: complete the items listed",
                    missing.stream().map(m -> new PluginProblem.FieldProblem(m.key(),
                            m.labelZh() + (m.kind().equals("FIELD") ? "：必填" : "：须上传") + " / " + m.labelEn()
                                    + (m.kind().equals("FIELD") ? ": required" : ": upload required"))).toList());
        }
        Optional<Result> already = validated(partyId);
        if (already.isPresent()) {
            return already.get();
        }
        return tx.inTransaction(() -> {
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            if (jdbc.sql("""
                            insert into nmg_intake (party_id, validated_at, validated_version, updated_at) values (?, ?, ?, ?)
                            on conflict (party_id) do update set validated_at = excluded.validated_at,
                              validated_version = excluded.validated_version, updated_at = excluded.updated_at
                            where nmg_intake.validated_at is null""")
                    .params(partyId, now, snapshot.version(), now).update() > 0) {
                ledger.record("registry-intake", Long.toString(partyId), "VALIDATED", Map.of("version", snapshot.version()),
                        "party:" + partyId);
            }
            return validated(partyId).orElseThrow();
        });
    }

    Optional<Result> validated(long partyId) {
        return check.validated(partyId);
    }

    static String[] label(String name) {
        return LABELS.getOrDefault(name, new String[] {name, name});
    }

    private List<String> names(String key, List<String> defaults) {
        List<String> configured = settings.current().text(key).stream()
                .flatMap(v -> Arrays.stream(v.split("[,，]"))).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return configured.isEmpty() ? defaults : configured;
    }

    private static Map<String, String[]> labels() {
        Map<String, String[]> l = new LinkedHashMap<>();
        l.put("name", new String[] {"姓名", "Name"});
        l.put("residentId", new String[] {"身份证号", "Resident ID"});
        l.put("phone", new String[] {"手机号码", "Mobile"});
        l.put("email", new String[] {"电子邮箱", "E-mail"});
        l.put("address", new String[] {"地址", "Address"}); // as the core's basic-information form names it
        l.put("documentType", new String[] {"证件类型", "Identity document type"});
        l.put("roles", new String[] {"主体角色", "Roles"});
        l.put("contactName", new String[] {"联系人", "Contact"});
        l.put("contactPhone", new String[] {"联系电话", "Contact phone"});
        l.put("legalRepresentative", new String[] {"法定代表人", "Legal representative"});
        l.put("OTHER", new String[] {"其他电子件", "Other document"});
        l.put("QUALIFICATION", new String[] {"资格证书", "Qualification certificate"});
        l.put("COMMITMENT_LETTER", new String[] {"诚信承诺书（已签章）", "Commitment letter (sealed)"});
        l.put("ID_CARD", new String[] {"居民身份证", "Resident ID card"});
        l.put("ID_CARD_FRONT", new String[] {"身份证人像面", "ID card, photo side"});
        l.put("ID_CARD_BACK", new String[] {"身份证国徽面", "ID card, emblem side"});
        return Map.copyOf(l);
    }
}
