package cn.huren.server.portal;

import cn.huren.plugin.api.SmsMessage;
import cn.huren.server.account.AccountLogins;
import cn.huren.server.account.SmsPurpose;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The "get code" buttons of the account pages: the page's script posts here (with the page's CSRF token) and shows
 * the answer in the page's language next to the field; the button then counts down until another code may be asked.
 */
@Component
class AccountCodes {

    /** What the script shows: the text, the field it belongs to (null: under the code field), seconds until the next try. */
    record Reply(String message, String field, Long retryAfter) {
    }

    /** The minimum interval between two codes for a number (smscode: 1 a minute). */
    private static final long INTERVAL = Duration.ofMinutes(1).toSeconds();

    private final AccountLogins logins;
    private final MessageSource messages;

    AccountCodes(AccountLogins logins, MessageSource messages) {
        this.logins = logins;
        this.messages = messages;
    }

    ResponseEntity<Reply> send(String mobile, SmsPurpose purpose, HttpServletRequest request) {
        PortalAdvice.tenant();
        String number = mobile == null ? "" : mobile.strip();
        try {
            logins.sendCode(number, purpose, request.getRemoteAddr());
            return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                    .body(new Reply(say("acct.code.sent", SmsMessage.mask(number)), null, INTERVAL));
        } catch (ApiException e) {
            return refused(e);
        }
    }

    ResponseEntity<Reply> refused(ApiException e) {
        Long retry = e.retryAfterSeconds().isPresent() ? e.retryAfterSeconds().getAsLong() : null;
        String text;
        String field = null;
        if (!e.errors().isEmpty()) {
            ApiException.FieldError first = e.errors().get(0);
            field = first.field().equals("phone") ? "mobile" : first.field();
            text = first.code() == null ? first.message()
                    : messages.getMessage("fieldError." + first.code(), null, first.message(), LocaleContextHolder.getLocale());
        } else if (retry != null) {
            text = say("acct.code.retry", retry);
        } else {
            text = messages.getMessage("problem." + e.kind(), null, e.getMessage(), LocaleContextHolder.getLocale());
        }
        return ResponseEntity.status(e.status()).cacheControl(CacheControl.noStore()).body(new Reply(text, field, retry));
    }

    private String say(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
