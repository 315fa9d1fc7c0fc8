package cn.huren.server.tenancy;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.annotations.BatchSize;

/** A province onboarded on the platform. Control data: always in schema {@code platform}. */
@Entity
@Table(schema = "platform", name = "tenant")
class Tenant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String code;

    private String nameZh;
    private String nameEn;

    @Enumerated(EnumType.STRING)
    private TenantStatus status;

    @Column(updatable = false)
    private String pluginId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(schema = "platform", name = "tenant_host", joinColumns = @JoinColumn(name = "tenant_id"))
    @Column(name = "host")
    @BatchSize(size = 100)
    private Set<String> hosts = new LinkedHashSet<>();

    private String brandingTitle;
    private String brandingColor;
    private String brandingLogo;

    /** JSON; secret fields are ciphertext. */
    private String config;

    private String schemaFingerprint;
    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private int version;

    protected Tenant() {
    }

    Tenant(String code, String nameZh, String nameEn, String pluginId, List<String> hosts, Branding branding,
           String config) {
        this.code = code;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.pluginId = pluginId;
        this.hosts.addAll(hosts);
        this.status = TenantStatus.PROVISIONING;
        this.config = config;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
        brand(branding);
    }

    TenantDescriptor descriptor() {
        return new TenantDescriptor(code, nameZh, nameEn, status, pluginId, new ArrayList<>(hosts),
                new Branding(brandingTitle, brandingColor, brandingLogo));
    }

    void brand(Branding branding) {
        this.brandingTitle = branding.title();
        this.brandingColor = branding.primaryColor();
        this.brandingLogo = branding.logo();
        touch();
    }

    void status(TenantStatus status) {
        this.status = status;
        touch();
    }

    void config(String config) {
        this.config = config;
        touch();
    }

    void schemaFingerprint(String fingerprint) {
        this.schemaFingerprint = fingerprint;
    }

    private void touch() {
        this.updatedAt = Instant.now();
    }

    Long id() {
        return id;
    }

    String code() {
        return code;
    }

    TenantStatus status() {
        return status;
    }

    String pluginId() {
        return pluginId;
    }

    String config() {
        return config;
    }

    String schemaFingerprint() {
        return schemaFingerprint;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
