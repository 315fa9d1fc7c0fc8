package cn.huren.server.registry;

import static cn.huren.server.registry.FieldSpec.Type.ACCOUNT_NUMBER;
import static cn.huren.server.registry.FieldSpec.Type.COUNT;
import static cn.huren.server.registry.FieldSpec.Type.DATE;
import static cn.huren.server.registry.FieldSpec.Type.MONEY;
import static cn.huren.server.registry.FieldSpec.Type.RESIDENT_ID;
import static cn.huren.server.registry.FieldSpec.Type.SIGNED_MONEY;
import static cn.huren.server.registry.FieldSpec.Type.TEXT;
import static cn.huren.server.registry.FieldSpec.Type.YEAR;
import static cn.huren.server.registry.FieldSpec.choice;
import static cn.huren.server.registry.FieldSpec.optional;
import static cn.huren.server.registry.FieldSpec.required;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The registry's record kinds that share the plain lifecycle (JS-21–JS-72). Each is data — its
 * fields and whether voiding needs evidence — so the lifecycle exists once. Projects, track records
 * and personnel add behaviour on top and are modelled separately.
 */
public enum RecordKind {

    /** JS-21, JS-22: voiding a bank account needs a reason only. */
    BANK_ACCOUNT("bank-account", "企业银行账户", false,
            required("bankName", TEXT), required("accountName", TEXT), required("accountNumber", ACCOUNT_NUMBER),
            optional("branch", TEXT)),
    /** JS-50–JS-53: housing and water (住建, 水利) or transport (交通) boards. */
    QUALIFICATION("qualification", "企业资质", true,
            choice("board", "HOUSING_WATER", "TRANSPORT"), required("name", TEXT), required("certificateNumber", TEXT),
            optional("level", TEXT), required("issuer", TEXT), optional("validUntil", DATE)),
    /** JS-54–JS-56: ISO certificates, licences. */
    ENTERPRISE_CERTIFICATE("enterprise-certificate", "企业证书", true,
            required("name", TEXT), required("number", TEXT), required("issuer", TEXT), optional("issuedOn", DATE),
            optional("validUntil", DATE)),
    /** JS-57–JS-59. */
    AWARD("award", "企业获奖", true,
            required("name", TEXT), optional("level", TEXT), required("issuer", TEXT), required("awardedOn", DATE)),
    /** JS-60–JS-62; net profit is the one amount that may be negative (a loss). */
    FINANCIAL_STATEMENT("financial-statement", "企业财务", true,
            required("year", YEAR), optional("totalAssets", MONEY), optional("revenue", MONEY), optional("netProfit", SIGNED_MONEY),
            optional("auditor", TEXT)),
    /** JS-63: objective credit data from authorities or credit agencies. */
    CREDIT_INFORMATION("credit-information", "社会信用", true,
            required("source", TEXT), required("content", TEXT), optional("recordedOn", DATE)),
    /** Attachments prepared for bidding (附件信息). */
    BIDDING_ATTACHMENT("bidding-attachment", "附件信息", true,
            required("title", TEXT), optional("description", TEXT)),
    /** Credit rating by an agency (信用等级). */
    CREDIT_RATING("credit-rating", "信用等级", true,
            required("agency", TEXT), required("rating", TEXT), required("ratedOn", DATE), optional("validUntil", DATE)),
    /** Staffing of transport enterprises (人员构成). */
    STAFFING("staffing", "人员构成", true,
            required("category", TEXT), required("headcount", COUNT)),
    /** JS-64 onwards: the party's personnel (in service or left); project managers are chosen from them (JS-33). */
    PERSONNEL("personnel", "人员信息", true,
            required("name", TEXT), required("residentId", RESIDENT_ID), optional("title", TEXT),
            choice("employment", "IN_SERVICE", "LEFT")),
    /** JS-71: the following belong to one submitted person. */
    PERSON_EDUCATION("person-education", "学历信息", true, true,
            required("school", TEXT), optional("major", TEXT), required("degree", TEXT), required("graduatedOn", DATE)),
    PERSON_QUALIFICATION("person-qualification", "资格证书", true, true,
            required("name", TEXT), required("number", TEXT), optional("level", TEXT), required("issuer", TEXT),
            optional("validUntil", DATE)),
    PERSON_AWARD("person-award", "个人获奖", true, true,
            required("name", TEXT), required("issuer", TEXT), required("awardedOn", DATE)),
    PERSON_WORK_HISTORY("person-work-history", "从业经历", true, true,
            required("employer", TEXT), optional("position", TEXT), required("from", DATE), optional("to", DATE)),
    PERSON_TRACK_RECORD("person-track-record", "个人业绩", true, true,
            required("projectName", TEXT), required("role", TEXT), optional("from", DATE), optional("to", DATE),
            optional("contractAmount", MONEY));

    private final String code;
    private final String labelZh;
    private final boolean voidNeedsEvidence;
    private final List<FieldSpec> fields;
    private final boolean ofPerson;

    RecordKind(String code, String labelZh, boolean voidNeedsEvidence, FieldSpec... fields) {
        this(code, labelZh, voidNeedsEvidence, false, fields);
    }

    RecordKind(String code, String labelZh, boolean voidNeedsEvidence, boolean ofPerson, FieldSpec... fields) {
        this.code = code;
        this.labelZh = labelZh;
        this.voidNeedsEvidence = voidNeedsEvidence;
        this.ofPerson = ofPerson;
        this.fields = List.of(fields);
    }

    /** JS-71: kept under a submitted PERSONNEL record of the same party. */
    public boolean ofPerson() {
        return ofPerson;
    }

    public String code() {
        return code;
    }

    public String labelZh() {
        return labelZh;
    }

    /** most kinds need an evidence attachment to be voided; bank accounts only a reason (JS-22). */
    public boolean voidNeedsEvidence() {
        return voidNeedsEvidence;
    }

    public List<FieldSpec> fields() {
        return fields;
    }

    /** The kind a path names, or 404: the API and the pages share this. */
    public static RecordKind require(String code) {
        return byCode(code).orElseThrow(() -> cn.huren.server.support.ApiException.notFound("unknown-record-kind", "no record kind " + code));
    }

    public static Optional<RecordKind> byCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
