package cn.huren.server.portal;

import cn.huren.server.banktransfer.BankSandbox;
import cn.huren.server.banktransfer.BankTransferVerifications;
import cn.huren.server.banktransfer.BankTransferVerifications.Verification;
import cn.huren.server.membership.AuthorisationLetters;
import cn.huren.server.membership.LetterPurpose;
import cn.huren.server.party.InvalidIdentifierException;
import cn.huren.server.party.Uscc;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 对公打款认证 on the phone (APP-25, manual §2.5.4), in the manual's order: enterprise information → the sealed letter
 * (template, upload) → the corporate account's last six digits → the amount and the account to transfer to → accept
 * the terms → confirm; then the result. One page, its step told by the person's OPEN verification and the query.
 */
@Controller
class AccountBankTransferPages {

    static final String PAGE = "/account/enterprises/bank-transfer";
    /** Refusals of the confirmation shown next to its button. */
    private static final Map<String, String> CONFIRM_FIELDS = Map.of("transfer-not-found", "confirm", "payer-name-mismatch", "confirm",
            "transfer-already-used", "confirm", "verification-expired", "confirm", "bank-transfer-unavailable", "confirm",
            "bank-transfer-timeout", "confirm", "bank-transfer-rate-limited", "confirm", "already-member", "confirm");

    private final BankTransferVerifications verifications;
    private final AuthorisationLetters letters;
    private final BankSandbox sandbox;
    private final PageActions actions;
    private final MessageSource messages;

    AccountBankTransferPages(BankTransferVerifications verifications, AuthorisationLetters letters, BankSandbox sandbox, PageActions actions,
                             MessageSource messages) {
        this.messages = messages;
        this.verifications = verifications;
        this.letters = letters;
        this.sandbox = sandbox;
        this.actions = actions;
    }

    @GetMapping({PAGE, "/t/{tenant}" + PAGE})
    String page(PartyAccess me, @RequestParam(required = false) String enterpriseName, @RequestParam(required = false) String uscc,
                @RequestParam(required = false) Long id, Model model) {
        AccountForms.accountId(me);
        List<Verification> mine = verifications.mine(me);
        Optional<Verification> shown = id == null ? Optional.empty() : mine.stream().filter(v -> v.id() == id).findFirst();
        Optional<Verification> open = mine.stream().filter(Verification::open).findFirst();
        model.addAttribute("sandbox", sandbox.enabled());
        if (shown.isPresent() && !shown.get().open()) {
            model.addAttribute("step", 7);
            model.addAttribute("verification", shown.get());
            return "portal/account/bank-transfer";
        }
        if (shown.or(() -> open).isPresent()) {
            model.addAttribute("step", 4);
            model.addAttribute("verification", shown.or(() -> open).get());
            model.addAttribute("attemptsLeft", verifications.attemptsLeft(me));
            return "portal/account/bank-transfer";
        }
        if (enterpriseName != null || uscc != null) {
            Map<String, String> errors = new HashMap<>();
            String name = enterpriseName == null ? "" : enterpriseName.strip();
            if (name.isEmpty() || name.length() > 200) {
                errors.put("enterpriseName", say("fieldError.enterprise-name"));
            }
            String code = null;
            try {
                code = Uscc.parse(uscc == null ? "" : uscc).value();
            } catch (InvalidIdentifierException e) {
                errors.put("uscc", say("fieldError.uscc"));
            }
            if (errors.isEmpty()) {
                model.addAttribute("step", 2);
                model.addAttribute("enterpriseName", name);
                model.addAttribute("uscc", code);
                return "portal/account/bank-transfer";
            }
            model.addAttribute("fieldErrors", errors);
            model.addAttribute("input", Map.of("enterpriseName", name, "uscc", uscc == null ? "" : uscc));
        }
        model.addAttribute("step", 1);
        return "portal/account/bank-transfer";
    }

    @GetMapping({PAGE + "/letter-template", "/t/{tenant}" + PAGE + "/letter-template"})
    ResponseEntity<String> template(PartyAccess me, @RequestParam String enterpriseName, @RequestParam String uscc) {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Disposition", ContentDisposition.inline()
                        .filename("授权书-" + LetterPurpose.BANK_TRANSFER.zh() + ".html", StandardCharsets.UTF_8).build().toString())
                .body(letters.template(me, LetterPurpose.BANK_TRANSFER, enterpriseName, uscc));
    }

    @PostMapping({PAGE, "/t/{tenant}" + PAGE})
    String start(PartyAccess me, @RequestParam MultiValueMap<String, String> form, @RequestParam(required = false) MultipartFile letter,
                 HttpServletRequest request, RedirectAttributes flash) {
        String name = form.getFirst("enterpriseName");
        String uscc = form.getFirst("uscc");
        MultiValueMap<String, String> kept = new LinkedMultiValueMap<>(form);
        kept.remove("_csrf");
        // the letter and the verification in one transaction: a refused start keeps no upload
        return actions.run(request, flash, kept, "notice.bt.started", AccountForms.placing(() -> {
            UUID letterId = null;
            if (letter != null && !letter.isEmpty()) {
                try {
                    letterId = letters.upload(me, letter.getOriginalFilename(), letter.getBytes()).id();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ApiException e) {
                    throw ApiException.invalid(List.of(new ApiException.FieldError("letterId", e.getMessage(), "letter-file")));
                }
            }
            verifications.create(me, new BankTransferVerifications.Input(name, uscc, letterId, form.getFirst("payerAccountLast6")));
            return PAGE;
        }), PAGE + "?enterpriseName=" + encode(name) + "&uscc=" + encode(uscc));
    }

    @PostMapping({PAGE + "/{id}/confirmation", "/t/{tenant}" + PAGE + "/{id}/confirmation"})
    String confirm(PartyAccess me, @PathVariable long id, @RequestParam(required = false) String termsAccepted,
                   HttpServletRequest request, RedirectAttributes flash) {
        // the bank is asked outside any transaction; a refused attempt still counts
        return actions.attempt(request, flash, null, "notice.bt.confirmed", AccountForms.placing(() -> {
            verifications.confirm(me, id, "true".equals(termsAccepted));
            return PAGE + "?id=" + id;
        }, CONFIRM_FIELDS), PAGE + "?id=" + id);
    }

    @PostMapping({PAGE + "/{id}/cancellation", "/t/{tenant}" + PAGE + "/{id}/cancellation"})
    String cancel(PartyAccess me, @PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.bt.cancelled", () -> {
            verifications.cancel(me, id);
            return PAGE;
        }, PAGE + "?id=" + id);
    }

    /** Demo only (the sandbox bank): the transfer "arrives" — the exact amount, from the given account, held by the enterprise. */
    @PostMapping({PAGE + "/{id}/sandbox-transfer", "/t/{tenant}" + PAGE + "/{id}/sandbox-transfer"})
    String sandboxTransfer(PartyAccess me, @PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.bt.sandboxTransferred", () -> {
            Verification v = verifications.one(me, id);
            sandbox.receive(v.payerAccountLast6(), v.enterpriseName(), v.amountFen());
            return PAGE + "?id=" + id;
        }, PAGE + "?id=" + id);
    }

    private String say(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
    }
}
