package cn.huren.plugin.api;

import java.time.Instant;
import java.util.Objects;

/**
 * An incoming transfer the bank reports (对公打款认证).
 *
 * @param payerAccountMasked the payer's account number masked, showing at least its last six digits
 *                           ({@code ************123456})
 * @param payerName          the payer account holder's name as the bank holds it (an enterprise's full name)
 * @param bankReference      the bank's own reference of the transfer (流水号): one transfer confirms one verification
 * @param at                 when the transfer reached the collection account
 */
public record BankTransfer(String payerAccountMasked, String payerName, long amountFen, String bankReference, Instant at) {

    public BankTransfer {
        Objects.requireNonNull(payerAccountMasked, "payerAccountMasked");
        Objects.requireNonNull(payerName, "payerName");
        Objects.requireNonNull(bankReference, "bankReference");
        Objects.requireNonNull(at, "at");
    }

    /** Whether this transfer is what {@code query} asked for: the account's last six digits, the amount, the window. */
    public boolean answers(BankTransferQuery query) {
        return amountFen == query.amountFen() && payerAccountMasked.endsWith(query.payerAccountLast6())
                && !at.isBefore(query.from()) && !at.isAfter(query.to());
    }
}
