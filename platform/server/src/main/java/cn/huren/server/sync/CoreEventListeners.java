package cn.huren.server.sync;

import java.util.Map;

/**
 * Told of each core event in its publishing transaction, after it is written: the plugin host
 * implements it for the tenant's plugin (downstream sync, e.g. Jiangsu's city systems). Declared
 * here so that the dependency runs one way (plugins → sync). An exception rolls the change back.
 */
public interface CoreEventListeners {

    /** @param partyId the party the event concerns, null for an event of no party */
    void published(String type, String orderingKey, Map<String, Object> data, Long partyId);
}
