package cn.huren.plugin.api;

/**
 * A natural person whose identity an external login (e.g. 苏服办) verified, as a plugin hands it to
 * the host. The host checks the values again; nothing is trusted for being typed here.
 *
 * @param name       real name as the identity provider verified it
 * @param residentId 居民身份证号 (GB 11643-1999, 18 characters)
 * @param phone      mobile number the provider holds, or null
 * @param source     the login method, e.g. {@code sufuban}; recorded with the party and the session
 */
public record VerifiedPerson(String name, String residentId, String phone, String source) {
}
