package cn.huren.server.portal;

import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.Paths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * What the account pages share: a refusal that names no field but clearly belongs to one (a wrong SMS code, a
 * missing consent) is shown next to that field; and passwords never come back into a form.
 */
final class AccountForms {

    /** Problem kinds of the account services and the form field each belongs to. */
    private static final Map<String, String> FIELD_OF_KIND = Map.ofEntries(
            Map.entry("sms-code-invalid", "code"),
            Map.entry("sms-code-expired", "code"),
            Map.entry("sms-code-locked", "code"),
            Map.entry("privacy-consent-required", "privacyConsent"),
            Map.entry("captcha-required", "captchaAnswer"),
            Map.entry("captcha-invalid", "captchaAnswer"),
            Map.entry("passwords-differ", "repeatPassword"));

    private static final Set<String> SECRETS = Set.of("password", "oldPassword", "newPassword", "repeatPassword", "captchaAnswer");

    private AccountForms() {
    }

    /** The join page a scanned QR code opened before its person signed in (APP-21): sign-in comes back to it. */
    private static final Pattern JOIN_PAGE = Pattern.compile("^(/t/[^/]+)?(/account/enterprises/join)$");
    private static final String JOIN_KEY = "huren.account.join";

    /** Called as an anonymous browser is sent to the account login: remembers a join page (its token) for after it. */
    static void rememberJoinPage(HttpServletRequest request) {
        Matcher m = JOIN_PAGE.matcher(Paths.of(request));
        String query = request.getQueryString();
        if ("GET".equals(request.getMethod()) && m.matches() && query != null && query.length() <= 300) {
            request.getSession().setAttribute(JOIN_KEY + (m.group(1) == null ? "" : m.group(1)), m.group(2) + "?" + query);
        }
    }

    /** Where a verified person goes after signing in: the remembered join page (once), else {@code fallback}. */
    static String afterSignIn(HttpServletRequest request, String fallback) {
        HttpSession session = request.getSession(false);
        String key = JOIN_KEY + PageActions.base(request);
        if (session != null && session.getAttribute(key) instanceof String path) {
            session.removeAttribute(key);
            if (PortalLogin.isLocalPath(path)) {
                return path;
            }
        }
        return fallback;
    }

    /** The signed-in person's account; the portal's chain lets only account sessions reach these pages. */
    static long accountId(PartyAccess me) {
        if (me.accountId() == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "account-required", "only a person's account session has these pages");
        }
        return me.accountId();
    }

    /** Runs {@code action}; a refusal of a kind that belongs to a field comes back as that field's error. */
    static Supplier<String> placing(Supplier<String> action) {
        return placing(action, Map.of());
    }

    /** As {@link #placing(Supplier)}, with the page's own field for some kinds ("" keeps the refusal above the form). */
    static Supplier<String> placing(Supplier<String> action, Map<String, String> fields) {
        return () -> {
            try {
                return action.get();
            } catch (ApiException e) {
                throw placed(e, fields);
            }
        };
    }

    static ApiException placed(ApiException e, Map<String, String> fields) {
        if (!e.errors().isEmpty()) {
            // a rule without a code of its own is said per field ("fieldError.field-code": the 6 digits of the SMS)
            return e.errors().stream().allMatch(fe -> fe.code() != null) ? e : new ApiException(e.status(), e.kind(), e.getMessage(),
                    e.errors().stream().map(fe -> fe.code() != null ? fe : new ApiException.FieldError(fe.field(), fe.message(), "field-" + fe.field())).toList());
        }
        String field = fields.getOrDefault(e.kind(), FIELD_OF_KIND.get(e.kind()));
        if (field == null || field.isEmpty()) {
            return e;
        }
        return new ApiException(e.status(), "validation", e.getMessage(), List.of(new ApiException.FieldError(field, e.getMessage(), e.kind())));
    }

    /** The form as it may be shown again: without passwords and captcha answers. */
    static MultiValueMap<String, String> withoutSecrets(MultiValueMap<String, String> form) {
        MultiValueMap<String, String> kept = new LinkedMultiValueMap<>(form);
        SECRETS.forEach(kept::remove);
        kept.remove("_csrf");
        return kept;
    }

    /** A typo guard of the page itself: the service sees one new password. */
    static void requireSame(String password, String repeated) {
        if (password != null && !password.isEmpty() && !password.equals(repeated)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("repeatPassword", "the two passwords differ", "passwords-differ")));
        }
    }
}
