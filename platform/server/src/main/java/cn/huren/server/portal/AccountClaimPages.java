package cn.huren.server.portal;

import cn.huren.server.claim.Claim;
import cn.huren.server.claim.ClaimForm;
import cn.huren.server.claim.Claims;
import cn.huren.server.claim.EnterpriseSearch;
import cn.huren.server.claim.Regions;
import cn.huren.server.membership.AuthorisationLetters;
import cn.huren.server.membership.LetterPurpose;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.IdentityDocument;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * 搜索企业 and 认领企业 from a person's account (APP-12–APP-18): the search with each enterprise's actions, the claim's
 * three steps on one form (the files uploaded with it, so a refused claim keeps no upload), the letter template, and
 * my claims with their progress and the certificate-proof step.
 */
@Controller
class AccountClaimPages {

    private static final String SEARCH = "/account/enterprises/search";
    private static final String CLAIM = "/account/enterprises/claim";
    private static final String CLAIMS = "/account/enterprises/claims";

    private final EnterpriseSearch search;
    private final Claims claims;
    private final ClaimForm form;
    private final Attachments attachments;
    private final AuthorisationLetters letters;
    private final PageActions actions;

    AccountClaimPages(EnterpriseSearch search, Claims claims, ClaimForm form, Attachments attachments, AuthorisationLetters letters,
                           PageActions actions) {
        this.search = search;
        this.claims = claims;
        this.form = form;
        this.attachments = attachments;
        this.letters = letters;
        this.actions = actions;
    }

    @GetMapping({SEARCH, "/t/{tenant}" + SEARCH})
    String search(PartyAccess me, @RequestParam(required = false) String q, Model model) {
        AccountForms.accountId(me);
        model.addAttribute("q", q);
        if (q != null) {
            try {
                model.addAttribute("results", search.search(me, q));
            } catch (ApiException e) {
                model.addAttribute("qError", true);
            }
        }
        return "portal/account/enterprise-search";
    }

    @GetMapping({CLAIM, "/t/{tenant}" + CLAIM})
    String claimForm(PartyAccess me, @RequestParam(required = false) String name, @RequestParam(required = false) String uscc, Model model) {
        AccountForms.accountId(me);
        model.addAttribute("platform", PortalAdvice.tenant());
        model.addAttribute("cas", form.cas());
        model.addAttribute("regions", Regions.PROVINCES);
        model.addAttribute("documentTypes", IdentityDocument.DocumentType.values());
        model.addAttribute("maxExtra", ClaimForm.MAX_EXTRA);
        model.addAttribute("prefillName", name);
        model.addAttribute("prefillUscc", uscc);
        return "portal/account/enterprise-claim";
    }

    @PostMapping({CLAIM, "/t/{tenant}" + CLAIM})
    String claim(PartyAccess me, @RequestParam MultiValueMap<String, String> input,
                 @RequestParam(required = false) MultipartFile licence, @RequestParam(required = false) MultipartFile letter,
                 @RequestParam(required = false) List<MultipartFile> extras, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, AccountForms.withoutSecrets(input), "notice.claimSubmitted", AccountForms.placing(() -> {
            AccountForms.accountId(me);
            List<ApiException.FieldError> errors = new ArrayList<>();
            String licenceId = store(me, licence, "licenceId", errors, false);
            String letterId = store(me, letter, "letterId", errors, true);
            List<String> extraIds = new ArrayList<>();
            for (MultipartFile extra : extras == null ? List.<MultipartFile>of() : extras) {
                String id = store(me, extra, "extraDocumentIds", errors, false);
                if (id != null) {
                    extraIds.add(id);
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            Integer years;
            try {
                years = Integer.valueOf(String.valueOf(input.getFirst("validityYears")).strip());
            } catch (NumberFormatException e) {
                years = null;
            }
            Claim claim = claims.submit(me, new ClaimForm.Input(input.getFirst("enterpriseName"), input.getFirst("uscc"), licenceId,
                    input.getFirst("legalRepresentativeName"), input.getFirst("legalRepresentativeDocumentType"),
                    input.getFirst("legalRepresentativeDocumentNumber"), input.getFirst("legalRepresentativeMobile"),
                    input.getFirst("licenceValidUntil"), "true".equals(input.getFirst("licenceLongTerm")), input.getFirst("platform"),
                    input.getFirst("ca"), years, input.get("roamingRegions"), letterId, extraIds));
            return CLAIMS + "#claim-" + claim.id();
        }), CLAIM);
    }

    /** the claim's letter, filled with the enterprise the person typed, to print, seal and photograph. */
    @GetMapping({CLAIM + "/letter", "/t/{tenant}" + CLAIM + "/letter"})
    ResponseEntity<String> letter(PartyAccess me, @RequestParam(required = false) String enterpriseName, @RequestParam(required = false) String uscc) {
        AccountForms.accountId(me);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Disposition", ContentDisposition.attachment()
                        .filename("授权书-" + LetterPurpose.CLAIM.zh() + ".html", StandardCharsets.UTF_8).build().toString())
                .body(letters.template(me, LetterPurpose.CLAIM, enterpriseName, uscc));
    }

    @GetMapping({CLAIMS, "/t/{tenant}" + CLAIMS})
    String claims(PartyAccess me, Model model) {
        AccountForms.accountId(me);
        model.addAttribute("claims", claims.mine(me).stream().map(c -> claims.get(me, c.id())).toList());
        return "portal/account/enterprise-claims";
    }

    @PostMapping({CLAIMS + "/{id}/withdrawal", "/t/{tenant}" + CLAIMS + "/{id}/withdrawal"})
    String withdraw(PartyAccess me, @PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.claimWithdrawn", () -> {
            claims.withdraw(me, id);
            return CLAIMS + "#claim-" + id;
        }, CLAIMS);
    }

    @PostMapping({CLAIMS + "/{id}/certificate-proof", "/t/{tenant}" + CLAIMS + "/{id}/certificate-proof"})
    String proof(PartyAccess me, @PathVariable long id, @RequestParam MultiValueMap<String, String> input, HttpServletRequest request,
                 RedirectAttributes flash) {
        // not in the page's transaction: the certificate's checks may fetch revocation lists; the completion has its own
        return actions.attempt(request, flash, input, "notice.claimCompleted", () -> {
            claims.completeByProof(me, id, input.getFirst("certificate"), input.getFirst("signature"));
            return CLAIMS + "#claim-" + id;
        }, CLAIMS + "#claim-" + id);
    }

    private String store(PartyAccess me, MultipartFile file, String field, List<ApiException.FieldError> errors, boolean letter) {
        if (file == null || file.isEmpty()) {
            return null; // the claim's own check names the missing document
        }
        try {
            UUID id = letter ? letters.upload(me, file.getOriginalFilename(), file.getBytes()).id()
                    : attachments.store(me.partyId(), file.getOriginalFilename(), file.getBytes()).id();
            return id.toString();
        } catch (ApiException e) {
            errors.add(new ApiException.FieldError(field, e.getMessage(), "document-type"));
        } catch (IOException e) {
            errors.add(new ApiException.FieldError(field, "the file could not be read", "document-type"));
        }
        return null;
    }
}
