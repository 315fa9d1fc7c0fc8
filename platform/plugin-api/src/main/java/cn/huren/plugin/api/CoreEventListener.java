package cn.huren.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * Extension point (downstream sync): the core tells its tenant's plugin of each core event it
 * publishes, inside the transaction of the change and before it commits. What the plugin publishes
 * from here ({@link SyncEvents}) commits with the change or not at all; an exception rolls the change
 * back. Called only for core events, never for a plugin's own.
 */
public interface CoreEventListener extends ExtensionPoint {

    void onCoreEvent(TenantInfo tenant, CoreEvent event);
}
