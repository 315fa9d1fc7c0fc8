package cn.huren.server.plugins;

import cn.huren.plugin.api.PluginLedger;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.IllegalTransactionStateException;

/**
 * Each plugin's {@link PluginLedger}: the core's {@link ChangeLedger} of the current tenant, which must be on the
 * plugin, with the plugin's record types as {@code <pluginId>.<type>} (apart from the core's and other plugins').
 */
@Component
class PluginLedgers {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern ACTION = Pattern.compile("[A-Z0-9_]{1,32}");

    private final ChangeLedger ledger;

    PluginLedgers(ChangeLedger ledger) {
        this.ledger = ledger;
    }

    PluginLedger of(String pluginId) {
        return new PluginLedger() {
            @Override
            public Entry record(String type, String recordId, String action, Map<String, ?> content, String actor) {
                String qualified = type(type);
                if (recordId == null || recordId.isBlank() || recordId.length() > 64) {
                    throw new IllegalArgumentException("a record id of 1 to 64 characters");
                }
                if (action == null || !ACTION.matcher(action).matches()) {
                    throw new IllegalArgumentException("an action is upper-case letters, digits or '_', at most 32 characters");
                }
                if (actor == null || actor.isBlank() || actor.length() > 128) {
                    throw new IllegalArgumentException("an actor of 1 to 128 characters");
                }
                try {
                    return entry(ledger.append(actor, qualified, recordId, action, content == null ? Map.of() : content));
                } catch (IllegalTransactionStateException e) {
                    throw new IllegalStateException("a ledger entry is appended in the transaction of its change (TenantTransactions)", e);
                }
            }

            @Override
            public List<Entry> history(String type, String recordId) {
                return ledger.history(type(type), recordId).stream().map(PluginLedgers::entry).toList();
            }

            private String type(String type) {
                TenantDescriptor tenant = TenantContext.require();
                if (!pluginId.equals(tenant.pluginId())) {
                    throw new IllegalStateException("tenant " + tenant.code() + " is not on plugin " + pluginId);
                }
                String qualified = pluginId + "." + type;
                if (type == null || !TYPE.matcher(type).matches() || qualified.length() > 64) {
                    throw new IllegalArgumentException("a record type is lower-case letters, digits or '-', at most "
                            + (63 - pluginId.length()) + " characters");
                }
                return qualified;
            }
        };
    }

    private static PluginLedger.Entry entry(ChangeLedger.Entry e) {
        return new PluginLedger.Entry(e.seq(), e.at(), e.actor(), e.recordType(), e.recordId(), e.action(), e.entryHash());
    }
}
