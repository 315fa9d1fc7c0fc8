package cn.huren.plugin.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Which incoming transfer to look for (对公打款认证, APP-25): one to the operator's collection account, from an account
 * whose number ends in {@code payerAccountLast6}, of exactly {@code amountFen}, received in {@code [from, to]}.
 *
 * @param collectionAccount the operator's collection account reference as the bank knows it (the account number)
 */
public record BankTransferQuery(String collectionAccount, String payerAccountLast6, long amountFen, Instant from, Instant to) {

    public BankTransferQuery {
        if (collectionAccount == null || collectionAccount.isBlank()) {
            throw new IllegalArgumentException("the collection account is required");
        }
        if (payerAccountLast6 == null || !payerAccountLast6.matches("[0-9]{6}")) {
            throw new IllegalArgumentException("the payer account's last six digits are six digits");
        }
        if (amountFen <= 0) {
            throw new IllegalArgumentException("the amount is a positive number of fen");
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the window ends before it begins");
        }
    }
}
