package cn.huren.server.plugins;

import cn.huren.plugin.api.CoreEvent;
import cn.huren.plugin.api.CoreEventListener;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.sync.CoreEventListeners;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Tells the current tenant's plugin of a core event ({@link CoreEventListener}), in the publishing
 * transaction. A tenant whose plugin has no listener costs nothing; the party is looked up only
 * when a listener is there to read it. The data reaches the plugin as JSON values (strings, numbers,
 * booleans, maps, lists), as in the event body, never as core types.
 */
@Component
class PluginCoreEvents implements CoreEventListeners {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final InstalledPlugins plugins;
    private final PartyRegistration parties;
    private final ObjectMapper json;

    PluginCoreEvents(InstalledPlugins plugins, PartyRegistration parties, ObjectMapper json) {
        this.plugins = plugins;
        this.parties = parties;
        this.json = json;
    }

    @Override
    public void published(String type, String orderingKey, Map<String, Object> data, Long partyId) {
        TenantDescriptor tenant = TenantContext.require();
        if (tenant.pluginId() == null) {
            return;
        }
        List<CoreEventListener> listeners = plugins.extensions(CoreEventListener.class, tenant.pluginId());
        if (listeners.isEmpty()) {
            return;
        }
        CoreEvent event = new CoreEvent(type, orderingKey, json.convertValue(data, JSON_OBJECT),
                partyId == null ? null : party(parties.require(partyId)));
        listeners.forEach(l -> l.onCoreEvent(tenant.info(), event));
    }

    private static CoreEvent.Party party(PartyView p) {
        boolean enterprise = p.kind() == PartyKind.ENTERPRISE;
        return new CoreEvent.Party(p.id(), p.kind().name(), enterprise ? p.identifier() : null, enterprise ? null : p.identifier(),
                p.name());
    }
}
