package cn.huren.plugin.api;

/**
 * The tenant (province) a request or job runs for, as plugins see it.
 *
 * @param code   tenant code, e.g. {@code js}
 * @param nameZh Chinese name, e.g. 江苏
 * @param nameEn English name
 * @param schema the PostgreSQL schema holding the tenant's data
 */
public record TenantInfo(String code, String nameZh, String nameEn, String schema) {
}
