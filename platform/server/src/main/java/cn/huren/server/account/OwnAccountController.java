package cn.huren.server.account;

import cn.huren.server.session.PartyAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A signed-in person's own account (/api/t/{tenant}/me/account/…, bearer token of an account session). */
@RestController
@Tag(name = "Accounts")
class OwnAccountController {

    record Closure(String code) {
    }

    record ClosureState(boolean closable, List<ClosureCheck.Left> left) {
    }

    private final PersonAccounts accounts;
    private final AccountSecurity security;
    private final BankCards cards;
    private final AccountFeedback feedback;

    OwnAccountController(PersonAccounts accounts, AccountSecurity security, BankCards cards, AccountFeedback feedback) {
        this.accounts = accounts;
        this.security = security;
        this.cards = cards;
        this.feedback = feedback;
    }

    @GetMapping("/api/t/{tenant}/me/account")
    @Operation(summary = "The account: masked mobile number, whether a password is set, privacy consent, real-name status")
    AccountView account(PartyAccess me) {
        return accounts.view(accounts.require(me));
    }

    @GetMapping("/api/t/{tenant}/me/account/history")
    @Operation(summary = "The account's changes, newest first (numbers masked)")
    List<PersonAccounts.HistoryEntry> history(PartyAccess me) {
        return accounts.history(accounts.require(me));
    }

    @DeleteMapping("/api/t/{tenant}/me/account/session")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Log out: this session ends")
    void logout(PartyAccess me) {
        security.logout(me);
    }

    @PutMapping("/api/t/{tenant}/me/account/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "APP-04: set the first password with an SMS code (purpose SET_PASSWORD); APP-101: change it with the old one. "
            + "The account's other sessions end")
    void password(PartyAccess me, @RequestBody AccountSecurity.PasswordChange body) {
        security.changePassword(me, required(body));
    }

    @PutMapping("/api/t/{tenant}/me/account/mobile")
    @Operation(summary = "APP-100: change the mobile number; the current and the new number each confirm by SMS code")
    AccountView mobile(PartyAccess me, @RequestBody AccountSecurity.MobileChange body) {
        return security.changeMobile(me, required(body));
    }

    @GetMapping("/api/t/{tenant}/me/account/closure")
    @Operation(summary = "APP-103: whether the account may close now, and what is left")
    ClosureState closureState(PartyAccess me) {
        List<ClosureCheck.Left> left = security.closureBlockers(me);
        return new ClosureState(left.isEmpty(), left);
    }

    @PostMapping("/api/t/{tenant}/me/account/closure")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "APP-103: close the account, confirmed by SMS code (purpose CLOSE_ACCOUNT); 409 with what is left")
    void close(PartyAccess me, @RequestBody Closure body) {
        security.close(me, required(body).code());
    }

    @PostMapping("/api/t/{tenant}/me/account/bank-cards")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "APP-104: bind a bank card (real-name verified accounts); the number is stored sealed and shown masked")
    BankCards.BankCardView bind(PartyAccess me, @RequestBody BankCards.NewCard body) {
        return cards.bind(me, required(body));
    }

    @GetMapping("/api/t/{tenant}/me/account/bank-cards")
    @Operation(summary = "APP-104: the account's bank cards, bound first, then unbound ones (history)")
    List<BankCards.BankCardView> cards(PartyAccess me) {
        return cards.list(me);
    }

    @DeleteMapping("/api/t/{tenant}/me/account/bank-cards/{id}")
    @Operation(summary = "APP-104: unbind a bank card (kept as history)")
    BankCards.BankCardView unbind(PartyAccess me, @PathVariable long id) {
        return cards.unbind(me, id);
    }

    @PostMapping("/api/t/{tenant}/me/account/feedback")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "APP-105: submit feedback (category and 1 to 500 characters)")
    AccountFeedback.FeedbackView feedback(PartyAccess me, @RequestBody AccountFeedback.NewFeedback body) {
        return feedback.submit(me, required(body));
    }

    @GetMapping("/api/t/{tenant}/me/account/feedback")
    @Operation(summary = "APP-105: the account's own feedback, newest first")
    List<AccountFeedback.FeedbackView> feedbackList(PartyAccess me) {
        return feedback.list(me);
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw cn.huren.server.support.ApiException.badRequest("malformed-body", "a request body is required");
        }
        return body;
    }
}
