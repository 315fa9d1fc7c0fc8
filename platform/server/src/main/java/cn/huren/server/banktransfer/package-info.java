/**
 * 对公打款认证 (APP-25–27, docs/bank-transfer.md): a verified person proves they act for an enterprise by a small
 * transfer of an exact random amount from the enterprise's corporate account to the operator's collection account.
 * The {@link cn.huren.plugin.api.BankTransferVerifier} host service asks the bank over a signed HTTP contract
 * ({@code HttpBankTransferVerifier}) or, in demo mode and tests, the in-process sandbox bank; on a match the person
 * becomes the enterprise's ADMIN (without managing rights until a certificate, APP-27) or STAFF (membership).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "account", "ledger", "membership", "notice", "party", "session", "support", "tenancy"
})
package cn.huren.server.banktransfer;
