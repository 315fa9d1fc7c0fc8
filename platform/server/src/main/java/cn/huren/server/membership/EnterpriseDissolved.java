package cn.huren.server.membership;

/**
 * APP-67: the enterprise was dissolved (every membership ended DISSOLVED); published inside the dissolution's
 * transaction, so that each feature deletes the enterprise's own data of it (departments, information, join links)
 * in the same transaction, or the dissolution fails as a whole.
 */
public record EnterpriseDissolved(long enterpriseId, String actor) {
}
