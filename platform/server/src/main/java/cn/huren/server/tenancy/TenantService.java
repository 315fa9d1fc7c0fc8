package cn.huren.server.tenancy;

import cn.huren.plugin.api.ConfigSchema;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantCommands.CreateTenant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Onboarding and maintenance of tenants, for the platform API and the console. Callers hold no
 * tenant context: this is control data.
 */
@Service
public class TenantService {

    private static final Logger log = LoggerFactory.getLogger(TenantService.class);

    private final TenantRepository tenants;
    private final TenantSchemas schemas;
    private final TenantPluginSupport plugins;
    private final PluginConfigCodec codec;
    private final TenantDirectory directory;
    private final CoreSettings core;
    private final TransactionTemplate tx;
    private final Set<String> platformHosts;
    private final TenantConfigurationStatus configuration;

    TenantService(TenantRepository tenants, TenantSchemas schemas, TenantPluginSupport plugins, PluginConfigCodec codec,
                  TenantDirectory directory, CoreSettings core, TransactionTemplate tx,
                  @Value("${huren.platform-hosts:localhost,127.0.0.1}") Set<String> platformHosts,
                  TenantConfigurationStatus configuration) {
        this.configuration = configuration;
        this.tenants = tenants;
        this.schemas = schemas;
        this.plugins = plugins;
        this.codec = codec;
        this.directory = directory;
        this.core = core;
        this.tx = tx;
        this.platformHosts = platformHosts;
    }

    /**
     * Creates the tenant row (reserving code and hosts), its schema with core and plugin tables,
     * then activates it. On any failure the schema and the row are removed again.
     */
    public TenantView create(CreateTenant cmd) {
        String pluginId = cmd.plugin();
        ConfigSchema schema = requireStartedPlugin(pluginId);
        List<String> hosts = cmd.hostList().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        hosts.stream().filter(platformHosts::contains).findFirst().ifPresent(h -> {
            throw new ApiException(HttpStatus.BAD_REQUEST, "reserved-host", "host " + h + " belongs to the platform itself",
                    List.of(new ApiException.FieldError("hosts", h + " is reserved for the platform")));
        });
        if (tenants.existsByCode(cmd.code())) {
            throw ApiException.conflict("tenant-exists", "a tenant with code " + cmd.code() + " already exists");
        }
        List<String> taken = hosts.isEmpty() ? List.of() : tenants.findTakenHosts(hosts);
        if (!taken.isEmpty()) {
            throw ApiException.conflict("host-taken", "host already assigned to another tenant: " + String.join(", ", taken));
        }
        String config = codec.merge(cmd.code(), schema, null, cmd.config() == null ? Map.of() : cmd.config(), true);
        core.validate(codec.decrypted(cmd.code(), config));
        Tenant reserved = reserve(new Tenant(cmd.code(), cmd.nameZh().strip(), cmd.nameEn().strip(), pluginId, hosts,
                cmd.brandingOrDefault(), config));
        String fingerprint;
        try {
            fingerprint = schemas.migrate(cmd.code(), pluginId);
        } catch (RuntimeException e) {
            log.error("onboarding of tenant {} failed; removing its schema and row", cmd.code(), e);
            discard(reserved);
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "onboarding-failed",
                    "the tenant's schema could not be created; nothing was kept: " + e.getMessage());
        }
        Tenant active = tx.execute(s -> {
            Tenant t = tenants.findById(reserved.id()).orElseThrow();
            t.schemaFingerprint(fingerprint);
            t.status(TenantStatus.ACTIVE);
            return t;
        });
        directory.invalidate();
        return view(active);
    }

    private Tenant reserve(Tenant tenant) {
        try {
            return tx.execute(s -> tenants.saveAndFlush(tenant));
        } catch (DataIntegrityViolationException e) {
            // lost a race with a concurrent request for the same code or host
            String message = String.valueOf(e.getMostSpecificCause().getMessage());
            if (message.contains("uk_tenant_host")) {
                throw ApiException.conflict("host-taken", "a host is already assigned to another tenant");
            }
            throw ApiException.conflict("tenant-exists", "a tenant with code " + tenant.code() + " already exists");
        }
    }

    private void discard(Tenant tenant) {
        try {
            schemas.drop(tenant.code());
        } catch (RuntimeException e) {
            // the row goes anyway; a left-over empty schema is dropped by the next onboarding of this code
            log.error("could not drop the schema of failed tenant {}", tenant.code(), e);
        }
        tx.executeWithoutResult(s -> tenants.deleteById(tenant.id()));
        directory.invalidate();
    }

    public Page<TenantView> list(String query, int page, int size) {
        PageRequest request = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200), Sort.by("code"));
        return tx.execute(s -> tenants.search(likePattern(query), request).map(this::view));
    }

    private static String likePattern(String query) {
        if (query == null || query.isBlank()) {
            return "%";
        }
        String escaped = query.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    public TenantView get(String code) {
        return tx.execute(s -> view(load(code)));
    }

    public TenantView rebrand(String code, Branding branding) {
        return change(code, t -> t.brand(branding));
    }

    public TenantView reconfigure(String code, Map<String, Object> changes) {
        return change(code, t -> {
            String config = codec.merge(code, requireStartedPlugin(t.pluginId()), t.config(), changes, false);
            core.validate(codec.decrypted(code, config));
            t.config(config);
        });
    }

    public TenantView suspend(String code) {
        return change(code, t -> t.status(TenantStatus.SUSPENDED));
    }

    public TenantView resume(String code) {
        return change(code, t -> t.status(TenantStatus.ACTIVE));
    }

    private TenantView change(String code, java.util.function.Consumer<Tenant> mutation) {
        TenantView view = tx.execute(s -> {
            Tenant t = load(code);
            mutation.accept(t);
            tenants.flush();
            return view(t);
        });
        directory.invalidate();
        return view;
    }

    private Tenant load(String code) {
        return tenants.findByCode(code).filter(t -> t.status() != TenantStatus.PROVISIONING)
                .orElseThrow(() -> ApiException.notFound("tenant-not-found", "no tenant with code " + code));
    }

    /** The configuration schema of a running plugin; 400 if unknown, 503 if not running. */
    public ConfigSchema requireStartedPlugin(String pluginId) {
        Boolean started = plugins.started(pluginId).orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST,
                "unknown-plugin", "no plugin with id " + pluginId,
                List.of(new ApiException.FieldError("plugin", "unknown plugin " + pluginId))));
        if (!started) {
            throw ApiException.unavailable("plugin-unavailable",
                    "plugin " + pluginId + " is not running: " + plugins.unavailableReason(pluginId));
        }
        return CoreSettings.withCore(plugins.configSchema(pluginId));
    }

    private TenantView view(Tenant t) {
        TenantDescriptor d = t.descriptor();
        ConfigSchema schema = CoreSettings.withCore(
                plugins.started(t.pluginId()).orElse(false) ? plugins.configSchema(t.pluginId()) : ConfigSchema.EMPTY);
        return new TenantView(d.code(), d.nameZh(), d.nameEn(), d.status(), d.pluginId(), d.hosts(), d.branding(),
                codec.publicView(schema, t.config()), codec.secretsSet(schema, t.config()), t.createdAt(), t.updatedAt(),
                configuration.missing(t.pluginId(), codec.decrypted(t.code(), t.config())));
    }
}
