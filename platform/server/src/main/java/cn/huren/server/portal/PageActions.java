package cn.huren.server.portal;

import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Post-redirect-get for portal forms: an action that succeeds redirects with a notice; one the
 * services refuse redirects back to the form with the problem, each field's error and the input
 * kept, having changed nothing: the whole action (say, store the evidence, then void) is one
 * transaction. A form someone else's change overtook (stale hidden version, or a save that lost a race)
 * comes back without the input, so that the page shows what is saved now.
 */
@Component
class PageActions {

    private final TransactionTemplate tx;
    private final MessageSource messages;

    PageActions(PlatformTransactionManager transactions, MessageSource messages) {
        this.tx = new TransactionTemplate(transactions);
        this.messages = messages;
    }

    /** A field's error in the page's language where the rule has a code and a text; the service's words otherwise. */
    private String say(ApiException.FieldError error) {
        return error.code() == null ? error.message()
                : messages.getMessage("fieldError." + error.code(), null, error.message(), LocaleContextHolder.getLocale());
    }

    static String base(HttpServletRequest request) {
        return PortalAdvice.base(request, TenantContext.current());
    }

    /** Form fields named {@code f.<field>}: the record data, blanks left out. */
    static Map<String, Object> fields(MultiValueMap<String, String> form) {
        Map<String, Object> data = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("f.") && !values.isEmpty() && values.get(0) != null && !values.get(0).isBlank()) {
                data.put(name.substring(2), values.get(0));
            }
        });
        return data;
    }

    /** The same refusal with its field errors named within a second form on the page ({@code scope.field}). */
    static ApiException scoped(ApiException e, String scope) {
        return new ApiException(e.status(), e.kind(), e.getMessage(), e.errors().stream()
                .map(fe -> new ApiException.FieldError(scope + "." + fe.field().replaceFirst("^data\\.", ""), fe.message(), fe.code())).toList());
    }

    /**
     * @param success where to go after the action; the supplier may compute it from the result
     * @param failure the form to show again
     */
    String run(HttpServletRequest request, RedirectAttributes flash, MultiValueMap<String, String> input, String notice,
                      Supplier<String> success, String failure) {
        return perform(true, request, flash, input, notice, success, failure);
    }

    /**
     * As {@link #run}, but without a transaction around the action: services that count refused attempts (SMS codes,
     * passwords, captchas) keep their own transactions, and a refusal rolled back would not count.
     */
    String attempt(HttpServletRequest request, RedirectAttributes flash, MultiValueMap<String, String> input, String notice,
                   Supplier<String> success, String failure) {
        return perform(false, request, flash, input, notice, success, failure);
    }

    private String perform(boolean transactional, HttpServletRequest request, RedirectAttributes flash,
                           MultiValueMap<String, String> input, String notice, Supplier<String> success, String failure) {
        try {
            String target = transactional ? tx.execute(s -> success.get()) : success.get();
            flash.addFlashAttribute("notice", notice);
            return "redirect:" + base(request) + target;
        } catch (OptimisticLockingFailureException | OptimisticLockException e) {
            return refused(request, flash, null, ApiException.conflict("concurrent-update",
                    "someone else changed this at the same moment; nothing of yours was saved"), failure);
        } catch (ApiException e) {
            return refused(request, flash, e.kind().equals("version-mismatch") ? null : input, e, failure);
        }
    }

    private String refused(HttpServletRequest request, RedirectAttributes flash, MultiValueMap<String, String> input,
                           ApiException e, String failure) {
        flash.addFlashAttribute("problem", e.getMessage());
        flash.addFlashAttribute("problemKind", "problem." + e.kind());
        HashMap<String, String> errors = new HashMap<>();
        e.errors().forEach(fe -> errors.put(fe.field().replaceFirst("^data\\.", ""), say(fe)));
        flash.addFlashAttribute("fieldErrors", errors);
        if (input != null) {
            HashMap<String, String> kept = new HashMap<>();
            input.forEach((k, v) -> kept.put(k.replaceFirst("^f\\.", ""), v.isEmpty() ? "" : v.get(0)));
            flash.addFlashAttribute("input", kept);
        }
        return "redirect:" + base(request) + failure;
    }
}
