package cn.huren.plugin.api;

import java.util.Optional;

/**
 * Host service: who the request being handled is signed in as — a portal page's browser session (pages under
 * {@code /p/{pluginId}/…}) or a party API token (endpoints under the plugin's {@code me/…}). Empty: nobody, or a
 * session of another tenant. Call it from the request's thread.
 */
public interface PortalUsers {

    Optional<PortalUser> current();
}
