package cn.huren.server.portal;

import cn.huren.server.handover.Handover;
import cn.huren.server.handover.Handovers;
import cn.huren.server.membership.AuthorisationLetters;
import cn.huren.server.membership.LetterPurpose;
import cn.huren.server.membership.Membership;
import cn.huren.server.membership.Memberships;
import cn.huren.server.party.PartyView;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 转让管理员 (APP-78 with a certificate: choose the staff member, sign the statement shown with the certificate app or USB
 * key, paste the signature; APP-79 without: the sealed letter) and 申诉成为管理员 (APP-80), phone-first account pages.
 */
@Controller
class EnterpriseHandoverPages {

    private static final String ONE = "/account/enterprises/{id}";
    private static final String TENANT_ONE = "/t/{tenant}/account/enterprises/{id}";

    private final Handovers handovers;
    private final Memberships memberships;
    private final AuthorisationLetters letters;
    private final PageActions actions;

    EnterpriseHandoverPages(Handovers handovers, Memberships memberships, AuthorisationLetters letters, PageActions actions) {
        this.handovers = handovers;
        this.memberships = memberships;
        this.letters = letters;
        this.actions = actions;
    }

    @GetMapping({ONE + "/handover", TENANT_ONE + "/handover"})
    String handover(PartyAccess me, @PathVariable long id, @RequestParam(required = false) UUID statement, Model model) {
        Membership m = common(me, id, model);
        if (m.admin()) {
            model.addAttribute("candidates", handovers.candidates(me, id));
            if (statement != null) {
                Handovers.Statement shown = handovers.statementFor(me, id, statement);
                model.addAttribute("statement", shown);
                // the deadline in China time, as the person's phone shows it
                model.addAttribute("signBefore", java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                        .format(shown.expiresAt().atZone(java.time.ZoneId.of("Asia/Shanghai"))));
            }
        }
        return "portal/account/enterprise-handover";
    }

    @PostMapping({ONE + "/handover/statement", TENANT_ONE + "/handover/statement"})
    String statement(PartyAccess me, @PathVariable long id, @RequestParam(required = false) Long toAccountId, HttpServletRequest request,
                     RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.handover.statement",
                () -> page(id) + "?statement=" + handovers.statement(me, id, toAccountId).statementId(), page(id));
    }

    @PostMapping({ONE + "/handover/signed", TENANT_ONE + "/handover/signed"})
    String signed(PartyAccess me, @PathVariable long id, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request,
                  RedirectAttributes flash) {
        UUID statement = uuid(form.getFirst("statementId"));
        // no transaction around it: checking the certificate may ask its CA (OCSP, CRL); the service keeps its own
        return actions.attempt(request, flash, form, "notice.handover.done", AccountForms.placing(() -> {
            handovers.handOverWithCertificate(me, id, statement, form.getFirst("certificate"), form.getFirst("signature"));
            return page(id);
        }, java.util.Map.of("statement-signature-invalid", "signature", "certificate-not-of-enterprise", "certificate",
                "certificate-not-bound", "certificate", "certificate-untrusted", "certificate")), statement == null ? page(id) : page(id) + "?statement=" + statement);
    }

    @PostMapping({ONE + "/handover/letter", TENANT_ONE + "/handover/letter"})
    String letter(PartyAccess me, @PathVariable long id, @RequestParam(required = false) Long toAccountId,
                  @RequestParam(required = false) MultipartFile file, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.handover.submitted", AccountForms.placing(() -> {
            handovers.handOverWithLetter(me, id, toAccountId, upload(me, file));
            return page(id);
        }), page(id));
    }

    @PostMapping({ONE + "/handover/{handoverId}/withdraw", TENANT_ONE + "/handover/{handoverId}/withdraw"})
    String withdraw(PartyAccess me, @PathVariable long id, @PathVariable long handoverId, @RequestParam(defaultValue = "handover") String back,
                    HttpServletRequest request, RedirectAttributes flash) {
        String target = "appeal".equals(back) ? "/account/enterprises/" + id + "/appeal" : page(id);
        return actions.run(request, flash, null, "notice.handover.withdrawn", () -> {
            handovers.withdraw(me, id, handoverId);
            return target;
        }, target);
    }

    @GetMapping({ONE + "/appeal", TENANT_ONE + "/appeal"})
    String appeal(PartyAccess me, @PathVariable long id, Model model) {
        common(me, id, model);
        return "portal/account/enterprise-appeal";
    }

    @PostMapping({ONE + "/appeal", TENANT_ONE + "/appeal"})
    String submitAppeal(PartyAccess me, @PathVariable long id, @RequestParam MultiValueMap<String, String> form,
                        @RequestParam(required = false) MultipartFile file, HttpServletRequest request, RedirectAttributes flash) {
        String page = "/account/enterprises/" + id + "/appeal";
        return actions.run(request, flash, form, "notice.appeal.submitted", AccountForms.placing(() -> {
            handovers.appeal(me, id, form.getFirst("reason"), upload(me, file));
            return page;
        }), page);
    }

    /** the letter for this enterprise, filled in, to print and seal. */
    @GetMapping({ONE + "/letters/{purpose}", TENANT_ONE + "/letters/{purpose}"})
    ResponseEntity<String> template(PartyAccess me, @PathVariable long id, @PathVariable LetterPurpose purpose) {
        if (purpose != LetterPurpose.HANDOVER && purpose != LetterPurpose.APPEAL) {
            throw ApiException.notFound("letter-purpose", "no such letter here");
        }
        memberships.requireMember(me, id);
        PartyView e = memberships.enterprise(id);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Disposition", ContentDisposition.inline().filename("授权书-" + purpose.zh() + ".html", StandardCharsets.UTF_8).build().toString())
                .body(letters.template(me, purpose, e.name(), e.identifier()));
    }

    private Membership common(PartyAccess me, long id, Model model) {
        Membership m = memberships.requireMember(me, id);
        model.addAttribute("enterprise", memberships.enterprise(id));
        model.addAttribute("membership", m);
        List<Handover> all = handovers.list(me, id);
        model.addAttribute("handovers", all);
        model.addAttribute("myAccount", m.accountId());
        return m;
    }

    private UUID upload(PartyAccess me, MultipartFile file) {
        try {
            if (file == null || file.isEmpty()) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("file", "take a photo of the sealed letter or choose its PDF",
                        "letter-required")));
            }
            return letters.upload(me, file.getOriginalFilename(), file.getBytes()).id();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String page(long id) {
        return "/account/enterprises/" + id + "/handover";
    }

    private static UUID uuid(String text) {
        try {
            return text == null || text.isBlank() ? null : UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
