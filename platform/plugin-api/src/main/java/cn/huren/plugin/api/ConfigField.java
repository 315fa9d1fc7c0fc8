package cn.huren.plugin.api;

/**
 * One field of a plugin's per-tenant configuration.
 *
 * @param secret    encrypted at rest, write-only: never returned by the API nor logged
 * @param immutable authoritative once onboarded (REQUIREMENTS X-10): set when the tenant is
 *                  created, refused on later updates (e.g. the code a regional platform issued)
 */
public record ConfigField(String name, Type type, boolean required, boolean secret, boolean immutable,
                          String labelZh, String labelEn) {

    public enum Type { TEXT, URL, NUMBER, BOOLEAN }

    public static ConfigField text(String name, String labelZh, String labelEn) {
        return new ConfigField(name, Type.TEXT, false, false, false, labelZh, labelEn);
    }

    public static ConfigField url(String name, String labelZh, String labelEn) {
        return new ConfigField(name, Type.URL, false, false, false, labelZh, labelEn);
    }

    public static ConfigField flag(String name, String labelZh, String labelEn) {
        return new ConfigField(name, Type.BOOLEAN, false, false, false, labelZh, labelEn);
    }

    public static ConfigField secret(String name, String labelZh, String labelEn) {
        return new ConfigField(name, Type.TEXT, false, true, false, labelZh, labelEn);
    }

    public ConfigField mandatory() {
        return new ConfigField(name, type, true, secret, immutable, labelZh, labelEn);
    }

    public ConfigField immutableAfterOnboarding() {
        return new ConfigField(name, type, required, secret, true, labelZh, labelEn);
    }
}
