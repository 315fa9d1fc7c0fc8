package cn.huren.plugin.api;

import java.util.List;

/**
 * Extension point: what a tenant's configuration still lacks beyond the schema's mandatory fields (e.g. a URL that is
 * needed unless a sandbox is on). The console shows it on the tenant's page; while anything is missing the plugin's
 * portal pages say the service is not configured yet.
 */
public interface ConfigurationCheck extends org.pf4j.ExtensionPoint {

    List<Missing> missing(ConfigValues values);

    record Missing(String field, String messageZh, String messageEn) {
    }
}
