package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.CoreEvent;
import cn.huren.plugin.api.CoreEventData;
import cn.huren.plugin.api.CoreEventListener;
import cn.huren.plugin.api.CoreEventTypes;
import cn.huren.plugin.api.PluginSettings;
import cn.huren.plugin.api.SyncEvent;
import cn.huren.plugin.api.SyncEvents;
import cn.huren.plugin.api.TenantInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * JS-45, X-03: a voided track record, a voided qualification and a revoked or voided certificate
 * (JS-81) are pushed to every city trading system the configuration lists, whatever it subscribed
 * to, as {@code jiangsu.status-sync} addressed to their API clients. Published in the transaction
 * of the void: a void that rolls back pushes nothing, a committed one is delivered with retries.
 */
@Extension
public class CityStatusSync implements CoreEventListener {

    static final String EVENT = "status-sync";
    /** RecordKind codes of the registry's qualifications: the enterprise's (JS-50) and its personnel's. */
    private static final Set<String> QUALIFICATIONS = Set.of("qualification", "person-qualification");

    private final PluginSettings settings;
    private final Clock clock;
    private final SyncEvents sync;

    CityStatusSync(PluginSettings settings, SyncEvents sync, Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.sync = sync;
    }

    @Override
    public void onCoreEvent(TenantInfo tenant, CoreEvent event) {
        Change change = change(event);
        List<String> cities = change == null ? List.of() : CitySystems.of(settings.current()).clientIds();
        if (cities.isEmpty()) {
            return;
        }
        CoreEvent.Party p = event.party();
        Map<String, Object> data = new Fields()
                .put("status", change.status())
                .put("subject", change.subject())
                .put("party", p == null ? null : new Fields().put("id", p.id()).put("kind", p.kind()).put("uscc", p.uscc())
                        .put("residentId", p.residentId()).put("name", p.name()).map())
                .put("reason", change.reason())
                .put("changedAt", clock.instant().toString())
                .put("coreEvent", event.type()).map();
        sync.publish(new SyncEvent(EVENT, event.orderingKey(), data, cities));
    }

    /** What the city systems are told: what changed, its status now, and why. */
    private record Change(Map<String, Object> subject, String status, String reason) {
    }

    /** Null for events the city systems are not told of. */
    private static Change change(CoreEvent event) {
        if (event.is(CoreEventTypes.TRACK_RECORD_VOIDED)) {
            CoreEventData.TrackRecordChange t = event.trackRecord().orElseThrow();
            return new Change(new Fields().put("kind", "track-record").put("trackRecordId", t.trackRecordId())
                    .put("projectId", t.projectId()).put("projectName", t.projectName()).map(), t.status(), t.voidReason());
        }
        if (event.is(CoreEventTypes.RECORD_VOIDED)) {
            CoreEventData.RecordChange r = event.registryRecord().orElseThrow();
            return r.kind() != null && QUALIFICATIONS.contains(r.kind())
                    ? new Change(new Fields().put("kind", r.kind()).put("recordId", r.recordId()).put("personId", r.personId()).map(),
                            r.status(), r.voidReason())
                    : null;
        }
        return event.certificateRevocation().map(c -> new Change(new Fields().put("kind", "certificate").put("serial", c.serial())
                .put("issuer", c.issuer()).put("cause", c.cause()).map(), c.status(), c.reason())).orElse(null);
    }

    /** An ordered map without nulls (event data is copied with Map.copyOf, which refuses them). */
    private static final class Fields {

        private final Map<String, Object> map = new LinkedHashMap<>();

        Fields put(String key, Object value) {
            if (value != null) {
                map.put(key, value);
            }
            return this;
        }

        Map<String, Object> map() {
            return map;
        }
    }
}
