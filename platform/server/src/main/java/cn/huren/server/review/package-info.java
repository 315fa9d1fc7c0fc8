/**
 * Reviews (审核): the tenant reviewer's queue of items features submit (certificate applications; next, claims
 * without a certificate, admin handovers, appeals, enterprise changes, uploaded letters), decided by a tenant
 * reviewer (a console account scoped to one tenant) through each kind's {@code ReviewHandler} in the same
 * transaction, which also tells the party the item is about in its notice centre; and the reviewer accounts the
 * platform operator creates and disables. Knows no feature: a feature submits items and implements its kind's handler.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"ledger", "notice", "operator", "support", "tenancy"})
package cn.huren.server.review;
