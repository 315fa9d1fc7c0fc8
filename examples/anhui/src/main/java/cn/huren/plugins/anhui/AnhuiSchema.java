package cn.huren.plugins.anhui;

import cn.huren.plugin.api.TenantSchemaContributor;
import org.pf4j.Extension;

/** The plugin's own tables, in the schema of every tenant on the plugin. */
@Extension
public class AnhuiSchema implements TenantSchemaContributor {

    @Override
    public String changelog() {
        return "huren-plugin/anhui/changelog.yaml";
    }
}
