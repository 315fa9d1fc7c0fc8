package cn.huren.server.client;

import cn.huren.plugin.api.TrackRecordUses;
import cn.huren.server.registry.Projects;
import cn.huren.server.registry.TrackRecordView;
import org.springframework.stereotype.Component;

/**
 * Use reports plugins pass on (JS-46): the same service, scope and ledger entry as
 * {@code POST /api/t/{tenant}/v1/track-records/{id}/uses}.
 */
@Component
class PluginTrackRecordUses implements TrackRecordUses {

    private final Projects projects;

    PluginTrackRecordUses(Projects projects) {
        this.projects = projects;
    }

    @Override
    public TrackRecordUse report(long trackRecordId, String useId) {
        ClientPrincipal client = ScopeCheck.require(Scope.TRACK_RECORDS_USE);
        TrackRecordView view = projects.reportUse(trackRecordId, useId, client.actor());
        return new TrackRecordUse(view.id(), view.status().name(), view.useCount());
    }
}
