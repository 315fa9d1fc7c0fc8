package cn.huren.plugin.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Extension point: the login methods a plugin adds to its tenants' portal (e.g. 苏服办 for
 * natural persons in Jiangsu). The flow itself runs in the plugin's endpoints and ends by
 * returning a verified identity to the host.
 */
public interface LoginMethodProvider extends ExtensionPoint {

    List<LoginMethod> loginMethods(TenantInfo tenant);
}
