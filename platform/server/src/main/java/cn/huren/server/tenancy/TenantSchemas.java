package cn.huren.server.tenancy;

import cn.huren.server.support.Hashes;
import cn.huren.server.database.SchemaMigrator;
import cn.huren.server.database.SchemaMigrator.Changelog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Creates and migrates tenant schemas: the core changelog, then the plugin's. A fingerprint of
 * the changelogs lets start-up skip Liquibase for schemas that are already current.
 */
@Component
class TenantSchemas {

    static final Changelog CORE = new Changelog("db/tenant/changelog.yaml", TenantSchemas.class.getClassLoader());

    private final SchemaMigrator migrator;
    private final TenantPluginSupport plugins;
    private final Map<String, String> fingerprints = new ConcurrentHashMap<>();
    private final Map<String, String> unavailable = new ConcurrentHashMap<>();

    TenantSchemas(SchemaMigrator migrator, TenantPluginSupport plugins) {
        this.migrator = migrator;
        this.plugins = plugins;
    }

    /** Brings the tenant's schema to the current version; returns the fingerprint it now has. */
    String migrate(String code, String pluginId) {
        migrator.migrate(TenantDescriptor.schemaOf(code), changelogs(pluginId));
        unavailable.remove(code);
        return fingerprint(pluginId);
    }

    void drop(String code) {
        migrator.drop(TenantDescriptor.schemaOf(code));
    }

    String fingerprint(String pluginId) {
        return fingerprints.computeIfAbsent(pluginId, id -> digest(changelogs(id)));
    }

    void markUnavailable(String code, String reason) {
        unavailable.put(code, reason);
    }

    /** Set when the tenant's schema could not be migrated at start; such a tenant is not served. */
    Optional<String> unavailableReason(String code) {
        return Optional.ofNullable(unavailable.get(code));
    }

    private List<Changelog> changelogs(String pluginId) {
        List<Changelog> all = new ArrayList<>();
        all.add(CORE);
        all.addAll(plugins.changelogs(pluginId));
        return all;
    }

    private static String digest(List<Changelog> changelogs) {
        try {
            MessageDigest sha = Hashes.sha256();
            for (Changelog changelog : changelogs) {
                sha.update(changelog.path().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = changelog.loader().getResourceAsStream(changelog.path())) {
                    if (in == null) {
                        throw new IllegalStateException("changelog not found: " + changelog.path());
                    }
                    sha.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
