package cn.huren.plugin.api;

import java.util.Optional;

/**
 * Host service: asks the bank of the current tenant's collection account (in demo mode and sandboxes, the host's
 * sandbox bank) whether a transfer has arrived — the proof of 对公打款认证 (APP-25). One call is one request to the
 * bank; the host logs only the last six digits of the payer's account and the bank's reference.
 */
public interface BankTransferVerifier {

    /**
     * The incoming transfer matching {@code query} exactly (collection account, payer account's last six digits, amount
     * in fen, time window), or empty when the bank has none (not yet, another amount, another account).
     *
     * @throws BankTransferException when the bank gives no answer (refused, failed, timed out, answered nonsense)
     */
    Optional<BankTransfer> findTransfer(BankTransferQuery query);
}
