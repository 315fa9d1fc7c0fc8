package cn.huren.server.portal;

import cn.huren.server.account.PersonAccounts;
import cn.huren.server.account.SmsPurpose;
import cn.huren.server.enterprisechange.Dissolutions;
import cn.huren.server.enterprisechange.EnterpriseChanges;
import cn.huren.server.membership.AuthorisationLetters;
import cn.huren.server.membership.LetterPurpose;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 变更企业信息 (APP-62–APP-65) and 企业解散 (APP-66, APP-67), phone-first: the change page shows what blocks a change, the
 * enterprise's change requests and the form (kind, fields, the certificate and the new key's request when one is valid,
 * the letter's template and upload); the dissolution page shows what blocks it, then password, SMS code and confirmation.
 */
@Controller
class EnterpriseChangePages {

    private final EnterpriseChanges changes;
    private final Dissolutions dissolutions;
    private final AuthorisationLetters letters;
    private final PersonAccounts accounts;
    private final AccountCodes codes;
    private final PageActions actions;

    EnterpriseChangePages(EnterpriseChanges changes, Dissolutions dissolutions, AuthorisationLetters letters, PersonAccounts accounts,
                          AccountCodes codes, PageActions actions) {
        this.changes = changes;
        this.dissolutions = dissolutions;
        this.letters = letters;
        this.accounts = accounts;
        this.codes = codes;
        this.actions = actions;
    }

    @GetMapping({"/account/enterprises/{id}/change", "/t/{tenant}/account/enterprises/{id}/change"})
    String change(PartyAccess me, @PathVariable long id, Model model) {
        AccountForms.accountId(me);
        model.addAttribute("enterpriseId", id);
        model.addAttribute("pre", changes.preconditions(me, id));
        model.addAttribute("changes", changes.list(me, id));
        return "portal/account/enterprise-change";
    }

    /** the letter's template for this enterprise (as GET /api/t/{t}/me/letter-templates/ENTERPRISE_CHANGE, for the browser's session). */
    @GetMapping(value = {"/account/enterprises/{id}/change/letter", "/t/{tenant}/account/enterprises/{id}/change/letter"},
            produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String letter(PartyAccess me, @PathVariable long id) {
        EnterpriseChanges.Preconditions pre = changes.preconditions(me, id);
        return letters.template(me, LetterPurpose.ENTERPRISE_CHANGE, pre.name(), pre.uscc());
    }

    @PostMapping({"/account/enterprises/{id}/change", "/t/{tenant}/account/enterprises/{id}/change"})
    String submit(PartyAccess me, @PathVariable long id, @RequestParam MultiValueMap<String, String> form,
                  @RequestParam(required = false) MultipartFile letter, HttpServletRequest request, RedirectAttributes flash) {
        String page = "/account/enterprises/" + id + "/change";
        return actions.attempt(request, flash, form, "notice.ech.submitted", AccountForms.placing(() -> {
            String kind = form.getFirst("kind");
            boolean rename = "NAME".equals(kind);
            boolean representative = !rename || "on".equals(form.getFirst("alsoRepresentative")) || "true".equals(form.getFirst("alsoRepresentative"));
            UUID letterId = null;
            if (letter != null && !letter.isEmpty()) {
                letterId = letters.upload(me, letter.getOriginalFilename(), bytes(letter)).id();
            }
            String certificate = form.getFirst("certificateId");
            changes.submit(me, id, new EnterpriseChanges.Input(kind, rename ? form.getFirst("newName") : null,
                    representative ? form.getFirst("legalRepresentativeName") : null,
                    representative ? form.getFirst("legalRepresentativeDocumentType") : null,
                    representative ? form.getFirst("legalRepresentativeDocument") : null,
                    representative ? form.getFirst("legalRepresentativeMobile") : null, letterId,
                    certificate == null || certificate.isBlank() || !certificate.matches("[0-9]{1,18}") ? null : Long.valueOf(certificate),
                    blankToNull(form.getFirst("csr"))));
            return page;
        }), page);
    }

    @PostMapping({"/account/enterprises/{id}/changes/{changeId}/withdraw", "/t/{tenant}/account/enterprises/{id}/changes/{changeId}/withdraw"})
    String withdraw(PartyAccess me, @PathVariable long id, @PathVariable long changeId, HttpServletRequest request, RedirectAttributes flash) {
        String page = "/account/enterprises/" + id + "/change";
        return actions.attempt(request, flash, null, "notice.ech.withdrawn", () -> {
            changes.withdraw(me, id, changeId);
            return page;
        }, page);
    }

    @GetMapping({"/account/enterprises/{id}/dissolve", "/t/{tenant}/account/enterprises/{id}/dissolve"})
    String dissolve(PartyAccess me, @PathVariable long id, Model model) {
        long account = AccountForms.accountId(me);
        model.addAttribute("enterpriseId", id);
        model.addAttribute("blockers", dissolutions.blockers(me, id));
        model.addAttribute("maskedMobile", accounts.view(account).mobile());
        return "portal/account/enterprise-dissolve";
    }

    @PostMapping({"/account/enterprises/{id}/dissolve", "/t/{tenant}/account/enterprises/{id}/dissolve"})
    String doDissolve(PartyAccess me, @PathVariable long id, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request,
                      RedirectAttributes flash) {
        return actions.attempt(request, flash, AccountForms.withoutSecrets(form), "notice.ech.dissolved", AccountForms.placing(() -> {
            dissolutions.dissolve(me, id, form.getFirst("password"), form.getFirst("code"), "true".equals(form.getFirst("confirm")));
            return "/account";
        }), "/account/enterprises/" + id + "/dissolve");
    }

    /** APP-66: the DISSOLVE_ENTERPRISE code goes to the account's own number (the person types it; the masked form must match). */
    @PostMapping({"/account/enterprises/{id}/dissolve/code", "/t/{tenant}/account/enterprises/{id}/dissolve/code"})
    @ResponseBody
    ResponseEntity<AccountCodes.Reply> code(PartyAccess me, @PathVariable long id, @RequestParam(defaultValue = "") String mobile,
                                            HttpServletRequest request) {
        long account = AccountForms.accountId(me);
        try {
            dissolutions.blockers(me, id); // the ADMIN only
            String number = mobile.strip();
            if (!cn.huren.plugin.api.SmsMessage.mask(number).equals(accounts.view(account).mobile())) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("currentMobile", "not this account's number", "not-own-mobile")));
            }
        } catch (ApiException e) {
            return codes.refused(e);
        }
        return codes.send(mobile.strip(), SmsPurpose.DISSOLVE_ENTERPRISE, request);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw ApiException.badRequest("attachment-unreadable", "the file could not be read");
        }
    }
}
