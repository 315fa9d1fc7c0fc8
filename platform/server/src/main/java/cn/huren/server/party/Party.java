package cn.huren.server.party;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A registered party of one tenant (tenant schema). Identifier and name come from its verified identity. */
@Entity
@Table(name = "party")
class Party {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    private PartyKind kind;

    private String uscc;
    private String residentId;
    @Enumerated(EnumType.STRING)
    private IdentityDocument.DocumentType documentType;
    private String name;
    private String roles;
    private String basicInfo;
    private String registeredVia;
    private Instant basicInfoCompletedAt;
    private Instant commitmentSignedAt;
    private Instant createdAt;
    private Instant updatedAt;
    /** APP-67: when the enterprise was dissolved (its information erased); null while it exists. */
    private Instant dissolvedAt;

    @Version
    private int version;

    protected Party() {
    }

    Party(VerifiedIdentity identity) {
        this.kind = identity.kind();
        if (kind == PartyKind.ENTERPRISE) {
            this.uscc = identity.identifier();
        } else {
            this.residentId = identity.identifier();
            this.documentType = identity.documentType();
        }
        this.name = identity.name();
        this.roles = "";
        this.basicInfo = "{}";
        this.registeredVia = identity.verifiedBy();
        this.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        this.updatedAt = createdAt;
    }

    /** Information a login verified, offered before the party maintains its basic information (JS-07). */
    void prefillBasicInfo(String basicInfoJson) {
        if (basicInfoCompletedAt == null) {
            this.basicInfo = basicInfoJson;
        }
    }

    /** Contact details confirmed elsewhere fill the basic information's empty fields (the caller keeps what is set). */
    void fillContact(String basicInfoJson) {
        this.basicInfo = basicInfoJson;
        this.updatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    void completeBasicInfo(Set<PartyRole> roles, String basicInfoJson) {
        this.roles = roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.basicInfo = basicInfoJson;
        if (basicInfoCompletedAt == null) {
            basicInfoCompletedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        }
        this.updatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** APP-63, APP-65: an enterprise change approved by the reviewer renames the party. */
    void rename(String newName, Instant at) {
        this.name = newName;
        this.updatedAt = at;
    }

    /** APP-65: the reviewed legal representative goes into the basic information. */
    void replaceBasicInfo(String basicInfoJson, Instant at) {
        this.basicInfo = basicInfoJson;
        this.updatedAt = at;
    }

    /** APP-67: the enterprise's information is erased; its identifier and name stay (foreign keys and the ledger name it). */
    void dissolve(Instant at) {
        this.roles = "";
        this.basicInfo = "{}";
        this.basicInfoCompletedAt = null;
        this.commitmentSignedAt = null;
        this.dissolvedAt = at;
        this.updatedAt = at;
    }

    Instant dissolvedAt() {
        return dissolvedAt;
    }

    Set<PartyRole> roles() {
        return roles(roles);
    }

    /** The roles column: role names, comma-separated, none when empty. */
    static Set<PartyRole> roles(String column) {
        return column.isEmpty() ? EnumSet.noneOf(PartyRole.class)
                : Arrays.stream(column.split(",")).map(PartyRole::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(PartyRole.class)));
    }

    Long id() {
        return id;
    }

    PartyKind kind() {
        return kind;
    }

    String identifier() {
        return kind == PartyKind.ENTERPRISE ? uscc : residentId;
    }

    /** A person's identity document type; null for an enterprise. */
    IdentityDocument.DocumentType documentType() {
        return documentType;
    }

    String name() {
        return name;
    }

    String basicInfo() {
        return basicInfo;
    }

    String registeredVia() {
        return registeredVia;
    }

    Instant basicInfoCompletedAt() {
        return basicInfoCompletedAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    int version() {
        return version;
    }
}
