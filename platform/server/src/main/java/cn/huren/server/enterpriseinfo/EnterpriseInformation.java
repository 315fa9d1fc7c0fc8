package cn.huren.server.enterpriseinfo;

import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.membership.Membership;
import cn.huren.server.membership.Memberships;
import cn.huren.server.party.ExpectedVersion;
import cn.huren.server.party.PartyView;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.support.TextInput;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * ORD-06–08: the enterprise's basic information, invoice information and unit contact person, for ordering. Members read
 * (a STAFF member sees the bank account masked), only the ADMIN writes (403 {@code admin-required}; an ADMIN made by bank
 * transfer too: this is not staff management). Each section has its own version: a change names the version it read
 * (If-Match / the form's hidden field), 412 {@code version-mismatch} when someone saved meanwhile. Until a section is
 * saved it is version 0, prefilled from the registry's basic information (JS-07) and the USCC.
 */
@Service
public class EnterpriseInformation {

    public enum Section { BASIC, INVOICE, CONTACT }

    public enum InvoiceType { ORDINARY, SPECIAL }

    /** ORD-06. {@code registeredCapitalFen}: integer fen. The legal representative changes through an enterprise change (APP-65) once set. */
    public record BasicInfo(String address, String legalRepresentative, Long registeredCapitalFen, String businessScope, String phone, String email) {
    }

    /**
     * ORD-07. The title is always the enterprise's name (read-only); the taxpayer id is the USCC unless given. A SPECIAL
     * (VAT special) invoice needs the bank, account, registered address and phone; {@code email} receives electronic invoices.
     */
    public record InvoiceInfo(String title, InvoiceType type, String taxpayerId, String bankName, String bankAccount, String registeredAddress,
                              String registeredPhone, String email) {
    }

    /** ORD-08: the unit contact person (单位联系人). */
    public record Contact(String name, String mobile, String email) {
    }

    /** A section as read: its content, version (0: never saved, prefilled) and last change. */
    public record Versioned<T>(long enterpriseId, String enterpriseName, String uscc, T content, int version, Instant updatedAt, String updatedBy) {
    }

    static final String RECORD_TYPE = "enterprise-profile";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MOBILE = Pattern.compile("1\\d{10}");
    private static final Pattern PHONE = Pattern.compile("1\\d{10}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern TAXPAYER = Pattern.compile("[0-9A-Z]{15,20}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{8,32}");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Memberships memberships;
    private final ChangeLedger ledger;
    private final Clock clock;

    EnterpriseInformation(TenantData data, PlatformTransactionManager transactions, Memberships memberships, ChangeLedger ledger, Clock clock) {
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.memberships = memberships;
        this.ledger = ledger;
        this.clock = clock;
    }

    // ---- reads (any member) ---------------------------------------------------------------------------------------

    public Versioned<BasicInfo> basic(PartyAccess me, long enterpriseId) {
        memberships.requireMember(me, enterpriseId);
        return basic(enterpriseId);
    }

    public Versioned<InvoiceInfo> invoice(PartyAccess me, long enterpriseId) {
        Membership m = memberships.requireMember(me, enterpriseId);
        Versioned<InvoiceInfo> v = invoice(enterpriseId);
        if (m.admin() || v.content().bankAccount() == null) {
            return v;
        }
        InvoiceInfo i = v.content();
        return new Versioned<>(v.enterpriseId(), v.enterpriseName(), v.uscc(), new InvoiceInfo(i.title(), i.type(), i.taxpayerId(), i.bankName(),
                maskAccount(i.bankAccount()), i.registeredAddress(), i.registeredPhone(), i.email()), v.version(), v.updatedAt(), v.updatedBy());
    }

    public Versioned<Contact> contact(PartyAccess me, long enterpriseId) {
        memberships.requireMember(me, enterpriseId);
        return contact(enterpriseId);
    }

    /** For ordering: the enterprise's basic information as saved or prefilled. */
    public Versioned<BasicInfo> basic(long enterpriseId) {
        PartyView e = memberships.enterprise(enterpriseId);
        Map<String, Object> registry = e.basicInfo() == null ? Map.of() : e.basicInfo();
        return read(e, Section.BASIC, BasicInfo.class, () -> new BasicInfo(text(registry, "address"), text(registry, "legalRepresentative"),
                null, null, text(registry, "contactPhone"), text(registry, "email")));
    }

    /** For ordering: the invoice information (title: the enterprise's name; taxpayer id: the USCC unless given). */
    public Versioned<InvoiceInfo> invoice(long enterpriseId) {
        PartyView e = memberships.enterprise(enterpriseId);
        Versioned<InvoiceInfo> v = read(e, Section.INVOICE, InvoiceInfo.class,
                () -> new InvoiceInfo(null, InvoiceType.ORDINARY, null, null, null, null, null, null));
        InvoiceInfo i = v.content();
        return new Versioned<>(v.enterpriseId(), v.enterpriseName(), v.uscc(), new InvoiceInfo(e.name(), i.type(),
                i.taxpayerId() == null ? e.identifier() : i.taxpayerId(), i.bankName(), i.bankAccount(), i.registeredAddress(), i.registeredPhone(),
                i.email()), v.version(), v.updatedAt(), v.updatedBy());
    }

    /** For ordering: the unit contact person. */
    public Versioned<Contact> contact(long enterpriseId) {
        PartyView e = memberships.enterprise(enterpriseId);
        Map<String, Object> registry = e.basicInfo() == null ? Map.of() : e.basicInfo();
        return read(e, Section.CONTACT, Contact.class, () -> new Contact(text(registry, "contactName"),
                Optional.ofNullable(text(registry, "contactPhone")).filter(p -> MOBILE.matcher(p).matches()).orElse(null), text(registry, "email")));
    }

    // ---- changes (the ADMIN) --------------------------------------------------------------------------------------

    /** ORD-06. */
    public Versioned<BasicInfo> saveBasic(PartyAccess me, long enterpriseId, ExpectedVersion expected, BasicInfo given) {
        memberships.requireAdmin(me, enterpriseId);
        List<FieldError> errors = new ArrayList<>();
        BasicInfo info = new BasicInfo(required(errors, "address", given == null ? null : given.address(), 300),
                optional(errors, "legalRepresentative", given == null ? null : given.legalRepresentative(), 100),
                given == null ? null : given.registeredCapitalFen(),
                optional(errors, "businessScope", given == null ? null : given.businessScope(), 2000),
                pattern(errors, "phone", given == null ? null : given.phone(), PHONE, true, "a mobile or landline number (e.g. 025-84001234)"),
                pattern(errors, "email", given == null ? null : given.email(), EMAIL, false, "an e-mail address"));
        if (info.registeredCapitalFen() != null && (info.registeredCapitalFen() < 0 || info.registeredCapitalFen() > 100_000_000_000_000_000L)) {
            errors.add(new FieldError("registeredCapitalFen", "the registered capital in fen (分), 0 or more"));
        }
        refuse(errors);
        return tx.execute(s -> {
            Versioned<BasicInfo> current = basic(enterpriseId);
            String was = current.content().legalRepresentative();
            if (was != null && !was.isBlank() && !was.equals(info.legalRepresentative())) {
                throw ApiException.conflict("legal-representative-change",
                        "the legal representative changes only through an enterprise change with a reviewed letter (法定代表人变更)");
            }
            save(me.actor(), enterpriseId, Section.BASIC, expected, info);
            return basic(enterpriseId);
        });
    }

    /** ORD-07. */
    public Versioned<InvoiceInfo> saveInvoice(PartyAccess me, long enterpriseId, ExpectedVersion expected, InvoiceInfo given) {
        memberships.requireAdmin(me, enterpriseId);
        PartyView e = memberships.enterprise(enterpriseId);
        List<FieldError> errors = new ArrayList<>();
        InvoiceInfo g = given == null ? new InvoiceInfo(null, null, null, null, null, null, null, null) : given;
        if (g.title() != null && !g.title().strip().equals(e.name())) {
            errors.add(new FieldError("title", "the invoice title is the enterprise's name (" + e.name() + ")", "invoice-title"));
        }
        if (g.type() == null) {
            errors.add(new FieldError("type", "ORDINARY (普票) or SPECIAL (专票)"));
        }
        boolean special = g.type() == InvoiceType.SPECIAL;
        String taxpayer = g.taxpayerId() == null || g.taxpayerId().isBlank() ? null : g.taxpayerId().strip().toUpperCase();
        if (taxpayer != null && !TAXPAYER.matcher(taxpayer).matches()) {
            errors.add(new FieldError("taxpayerId", "15 to 20 digits or capital letters (the USCC by default)"));
        }
        String account = g.bankAccount() == null ? null : g.bankAccount().replaceAll("[\\s-]", "");
        InvoiceInfo info = new InvoiceInfo(null, g.type(), taxpayer == null || taxpayer.equals(e.identifier()) ? null : taxpayer,
                special ? required(errors, "bankName", g.bankName(), 100) : optional(errors, "bankName", g.bankName(), 100),
                pattern(errors, "bankAccount", account, ACCOUNT, special, "8 to 32 digits"),
                special ? required(errors, "registeredAddress", g.registeredAddress(), 300) : optional(errors, "registeredAddress", g.registeredAddress(), 300),
                pattern(errors, "registeredPhone", g.registeredPhone(), PHONE, special, "a mobile or landline number"),
                pattern(errors, "email", g.email(), EMAIL, false, "an e-mail address"));
        refuse(errors);
        return tx.execute(s -> {
            save(me.actor(), enterpriseId, Section.INVOICE, expected, info);
            return invoice(enterpriseId);
        });
    }

    /** ORD-08. */
    public Versioned<Contact> saveContact(PartyAccess me, long enterpriseId, ExpectedVersion expected, Contact given) {
        memberships.requireAdmin(me, enterpriseId);
        List<FieldError> errors = new ArrayList<>();
        Contact g = given == null ? new Contact(null, null, null) : given;
        Contact info = new Contact(required(errors, "name", g.name(), 100), pattern(errors, "mobile", g.mobile(), MOBILE, true, "an 11-digit mobile number"),
                pattern(errors, "email", g.email(), EMAIL, false, "an e-mail address"));
        refuse(errors);
        return tx.execute(s -> {
            save(me.actor(), enterpriseId, Section.CONTACT, expected, info);
            return contact(enterpriseId);
        });
    }

    /**
     * APP-65: a reviewed change's new legal representative, in the saved basic information too (a new version, on the
     * ledger), in the change's transaction; nothing to do while the basic information was never saved (it is read from
     * the party then).
     */
    @org.springframework.context.event.EventListener
    void on(cn.huren.server.membership.LegalRepresentativeChanged changed) {
        Optional<Integer> version = jdbc.sql("select version from enterprise_profile where enterprise_id = ? and section = 'BASIC' for update")
                .param(changed.enterpriseId()).query(Integer.class).optional();
        if (version.isEmpty()) {
            return;
        }
        BasicInfo now = jdbc.sql("select content from enterprise_profile where enterprise_id = ? and section = 'BASIC'")
                .param(changed.enterpriseId()).query((rs, n) -> parse(rs.getString(1), BasicInfo.class)).single();
        save(changed.actor(), changed.enterpriseId(), Section.BASIC, ExpectedVersion.ANY, new BasicInfo(now.address(),
                changed.legalRepresentative(), now.registeredCapitalFen(), now.businessScope(), now.phone(), now.email()));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private <T> Versioned<T> read(PartyView e, Section section, Class<T> type, java.util.function.Supplier<T> prefill) {
        return jdbc.sql("select content, version, updated_at, updated_by from enterprise_profile where enterprise_id = ? and section = ?")
                .params(e.id(), section.name())
                .query((rs, n) -> new Versioned<>(e.id(), e.name(), e.identifier(), parse(rs.getString(1), type), rs.getInt(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4)))
                .optional().orElseGet(() -> new Versioned<>(e.id(), e.name(), e.identifier(), prefill.get(), 0, null, null));
    }

    /** Checks the version under the row's lock and writes the next one; a concurrent first save loses with 412 too. */
    private void save(String actor, long enterpriseId, Section section, ExpectedVersion expected, Object content) {
        String what = "the " + section.name().toLowerCase() + " information of enterprise " + enterpriseId;
        int current = jdbc.sql("select version from enterprise_profile where enterprise_id = ? and section = ? for update")
                .params(enterpriseId, section.name()).query(Integer.class).optional().orElse(0);
        expected.check(current, what);
        Timestamp now = Timestamp.from(clock.instant());
        String json = json(content);
        if (current == 0) {
            try {
                jdbc.sql("insert into enterprise_profile (enterprise_id, section, content, version, updated_by, updated_at) values (?, ?, ?::jsonb, 1, ?, ?)")
                        .params(enterpriseId, section.name(), json, actor, now).update();
            } catch (DuplicateKeyException concurrentFirstSave) {
                throw new ApiException(HttpStatus.PRECONDITION_FAILED, "version-mismatch", what + " was saved by someone else at the same moment; reload it");
            }
        } else {
            jdbc.sql("update enterprise_profile set content = ?::jsonb, version = version + 1, updated_by = ?, updated_at = ? where enterprise_id = ? and section = ?")
                    .params(json, actor, now, enterpriseId, section.name()).update();
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("version", current + 1);
        entry.put("content", content instanceof InvoiceInfo i && i.bankAccount() != null ? new InvoiceInfo(i.title(), i.type(), i.taxpayerId(),
                i.bankName(), maskAccount(i.bankAccount()), i.registeredAddress(), i.registeredPhone(), i.email()) : content);
        ledger.append(actor, RECORD_TYPE, enterpriseId + ":" + section.name(), "UPDATE", entry);
    }

    static String maskAccount(String account) {
        return account.length() <= 4 ? "****" : "*".repeat(account.length() - 4) + account.substring(account.length() - 4);
    }

    private static String text(Map<String, Object> map, String key) {
        Object v = map.get(key);
        return v == null || v.toString().isBlank() ? null : v.toString();
    }

    private static String optional(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        FieldError e = TextInput.error(field, value.strip(), max, false);
        if (e != null) {
            errors.add(e);
        }
        return value.strip();
    }

    private static String required(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "required", "required"));
            return null;
        }
        return optional(errors, field, value, max);
    }

    private static String pattern(List<FieldError> errors, String field, String value, Pattern pattern, boolean required, String what) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "required", "required"));
            }
            return null;
        }
        String v = value.strip();
        if (!pattern.matcher(v).matches()) {
            errors.add(new FieldError(field, what));
        }
        return v;
    }

    private static void refuse(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private static String json(Object content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T parse(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
