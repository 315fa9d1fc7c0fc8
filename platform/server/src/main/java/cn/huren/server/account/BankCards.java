package cn.huren.server.account;

import cn.huren.plugin.api.SmsMessage;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.BankCardNumbers;
import cn.huren.server.support.Hashes;
import cn.huren.server.support.SecretBox;
import cn.huren.server.support.TextInput;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * APP-104: the bank cards of a real-name verified account (银行卡管理). The number is stored sealed ({@link SecretBox},
 * bound to the tenant and the account) and found again by an HMAC under a derived key (a plain hash of a card number
 * is guessed in minutes); only its masked form (6222 **** **** 1234) is ever shown. Unbinding keeps the card as history.
 */
@Component
public class BankCards {

    /** A card as shown: never the number. {@code unboundAt} null while bound. */
    public record BankCardView(long id, String cardNumber, String bankName, String reservedMobile, Instant boundAt, Instant unboundAt) {
    }

    /** POST /me/account/bank-cards: 12 to 19 digits (spaces allowed) passing the Luhn check; the bank's name; the card's reserved mobile, optional. */
    public record NewCard(String cardNumber, String bankName, String reservedMobile) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PersonAccounts accounts;
    private final SecretBox secrets;
    private final Clock clock;

    BankCards(TenantData data, PlatformTransactionManager transactions, PersonAccounts accounts, SecretBox secrets, Clock clock) {
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.accounts = accounts;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Binds a card; 409 {@code bank-card-bound} when the account has it bound already. */
    public BankCardView bind(PartyAccess me, NewCard card) {
        long id = accounts.require(me);
        accounts.requireRealName(id);
        List<ApiException.FieldError> errors = new ArrayList<>();
        String number = card.cardNumber() == null ? null : card.cardNumber().replace(" ", "");
        if (number == null || !number.matches("[0-9]{12,19}")) {
            errors.add(new ApiException.FieldError("cardNumber", "12 to 19 digits"));
        } else if (!BankCardNumbers.luhn(number)) {
            errors.add(new ApiException.FieldError("cardNumber", "not a valid card number (check digit)", "card-number-check"));
        }
        String bank = card.bankName() == null ? null : card.bankName().strip();
        if (bank == null || bank.isEmpty()) {
            errors.add(new ApiException.FieldError("bankName", "required"));
        } else {
            ApiException.FieldError error = TextInput.error("bankName", bank, 100, false);
            if (error != null) {
                errors.add(error);
            }
        }
        if (card.reservedMobile() != null) {
            PersonAccounts.checkMobile("reservedMobile", card.reservedMobile(), errors);
        }
        PersonAccounts.refuseIfAny(errors);
        String context = context(id);
        String fingerprint = fingerprint(number);
        String masked = mask(number);
        try {
            long cardId = tx.execute(s -> {
                accounts.lockActive(id);
                boolean bound = jdbc.sql("select count(*) from bank_card where account_id = ? and card_fingerprint = ? and unbound_at is null")
                        .params(id, fingerprint).query(Long.class).single() > 0;
                if (bound) {
                    throw duplicate();
                }
                long newId = jdbc.sql("""
                                insert into bank_card (account_id, card_number_sealed, card_fingerprint, masked, bank_name, reserved_mobile_sealed, bound_at)
                                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                        .params(id, secrets.seal(number, context), fingerprint, masked, bank,
                                card.reservedMobile() == null ? null : secrets.seal(card.reservedMobile(), context), Timestamp.from(clock.instant()))
                        .query(Long.class).single();
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("card", masked);
                detail.put("bank", bank);
                detail.put("bankCardId", newId);
                accounts.record(id, me.actor(), "bank-card-bound", detail);
                return newId;
            });
            return view(id, cardId);
        } catch (DuplicateKeyException concurrent) {
            throw duplicate();
        }
    }

    /** The account's cards, bound ones first, then the unbound (history), newest first within each. */
    public List<BankCardView> list(PartyAccess me) {
        long id = accounts.require(me);
        accounts.requireRealName(id);
        return tx.execute(s -> jdbc.sql("select * from bank_card where account_id = ? order by unbound_at is not null, bound_at desc, id desc")
                .param(id).query((rs, n) -> view(id, rs)).list());
    }

    /** Unbinds a bound card; a card of another account or one unbound already: 404. */
    public BankCardView unbind(PartyAccess me, long cardId) {
        long id = accounts.require(me);
        accounts.requireRealName(id);
        tx.executeWithoutResult(s -> {
            accounts.lockActive(id);
            String masked = jdbc.sql("update bank_card set unbound_at = ? where id = ? and account_id = ? and unbound_at is null returning masked")
                    .params(Timestamp.from(clock.instant()), cardId, id).query(String.class).optional()
                    .orElseThrow(() -> ApiException.notFound("bank-card-not-found", "no such bound bank card"));
            accounts.record(id, me.actor(), "bank-card-unbound", Map.of("card", masked, "bankCardId", cardId));
        });
        return view(id, cardId);
    }

    private BankCardView view(long accountId, long cardId) {
        return tx.execute(s -> jdbc.sql("select * from bank_card where id = ? and account_id = ?").params(cardId, accountId)
                .query((rs, n) -> view(accountId, rs)).single());
    }

    private BankCardView view(long accountId, java.sql.ResultSet rs) throws java.sql.SQLException {
        String reserved = rs.getString("reserved_mobile_sealed");
        Timestamp unbound = rs.getTimestamp("unbound_at");
        return new BankCardView(rs.getLong("id"), rs.getString("masked"), rs.getString("bank_name"),
                reserved == null ? null : SmsMessage.mask(secrets.open(reserved, context(accountId))),
                rs.getTimestamp("bound_at").toInstant(), unbound == null ? null : unbound.toInstant());
    }

    /** 6222 **** **** 1234: the first and last four digits (the first name the bank, not the card). */
    static String mask(String number) {
        return number.substring(0, 4) + " **** **** " + number.substring(number.length() - 4);
    }

    private String fingerprint(String number) {
        byte[] key = secrets.derive("bank-card-fingerprint:" + TenantContext.require().code());
        return HexFormat.of().formatHex(Hashes.hmacSha256(key, number.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String context(long accountId) {
        return "bank-card:" + TenantContext.require().code() + ":account:" + accountId;
    }

    private static ApiException duplicate() {
        return ApiException.conflict("bank-card-bound", "this card is bound to the account already");
    }
}
