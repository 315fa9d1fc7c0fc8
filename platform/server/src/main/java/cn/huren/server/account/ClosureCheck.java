package cn.huren.server.account;

import java.util.List;

/**
 * APP-103: what keeps an account from closing. Every bean of this type is asked before an account closes (and again
 * inside the closing transaction); the closure is refused with everything they answer. Bank cards and certificates
 * are checked here; the enterprise memberships (next issue) add one bean.
 */
public interface ClosureCheck {

    /**
     * Something left: {@code code} for programs (e.g. {@code bank-cards-bound}), {@code message} for the person.
     */
    record Left(String code, String message) {
    }

    /** What is left of the account ({@code partyId}: its person's party once real-name verified, else null); empty when nothing. */
    List<Left> left(long accountId, Long partyId);
}
