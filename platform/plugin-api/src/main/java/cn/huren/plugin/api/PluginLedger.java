package cn.huren.plugin.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Host service: the current tenant's change ledger (hash-chained entries under signed checkpoints, the core's own)
 * for the state changes of the plugin's records — an activation, a seal, a sync, a request decided. Each entry is
 * appended in the transaction that makes the change ({@link TenantTransactions}), so both commit or neither does.
 * Record types are the plugin's: the ledger shows them as {@code <pluginId>.<type>}.
 */
public interface PluginLedger {

    /** One entry; {@code entryHash} is the chained evidence stamp. */
    record Entry(long seq, Instant at, String actor, String recordType, String recordId, String action, String entryHash) {
    }

    /**
     * Appends a change; must run inside the caller's transaction (else {@link IllegalStateException}).
     *
     * @param type     the plugin's record type: lower-case letters, digits or '-' (e.g. {@code sync-run})
     * @param recordId the record's id, 1 to 64 characters
     * @param action   what happened: upper-case letters, digits or '_', at most 32 (e.g. {@code ACTIVATED})
     * @param content  what the change says (hashed into the entry; canonical JSON of the map)
     * @param actor    who made it, at most 128 characters (e.g. {@code party:42}, {@code reviewer:alice})
     */
    Entry record(String type, String recordId, String action, Map<String, ?> content, String actor);

    /** A record's entries, oldest first. */
    List<Entry> history(String type, String recordId);
}
