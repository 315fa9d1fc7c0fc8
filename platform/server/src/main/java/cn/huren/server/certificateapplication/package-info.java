/**
 * Certificate applications (新办/更新/变更, issue/renew/change) and revocation by the holder (吊销/注销):
 * a party applies with its own key's PKCS#10 request (IN_REVIEW), the CA reviews it (approve: issued
 * through the tenant's {@code CaConnector}, AWAITING_DOWNLOAD; reject: INVALID with the reason; the tenant's reviewer
 * decides, each application an item of the review queue), the
 * key's holder downloads the certificate by signing for it, and it is bound to the party (ACTIVE).
 * The coming orders feature (orders, payment, invoices) gets its own package, {@code order}, and sits on this.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "account", "binding", "certificate", "ledger", "membership", "operator", "party", "review", "session", "support", "tenancy"
})
package cn.huren.server.certificateapplication;
