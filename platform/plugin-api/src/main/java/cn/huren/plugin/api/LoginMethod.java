package cn.huren.plugin.api;

/**
 * A way to sign in, shown as a button on the tenant's portal login page.
 *
 * @param id        unique within the tenant, e.g. {@code sufuban}
 * @param audience  who it is for: enterprises, natural persons or both
 * @param startPath where the flow starts, relative to the plugin's forced prefix
 *                  ({@code /api/t/{tenant}/plugins/{pluginId}/}); core methods use portal paths
 * @param available false while the flow is announced but not open yet: the button is shown disabled
 */
public record LoginMethod(String id, String labelZh, String labelEn, String hintZh, String hintEn,
                          Audience audience, String startPath, boolean available) {

    public enum Audience { ENTERPRISE, NATURAL_PERSON, ANY }
}
