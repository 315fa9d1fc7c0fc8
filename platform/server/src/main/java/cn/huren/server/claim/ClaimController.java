package cn.huren.server.claim;

import cn.huren.server.party.Attachments;
import cn.huren.server.party.Attachments.AttachmentView;
import cn.huren.server.membership.Memberships;
import cn.huren.server.session.PartyAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** APP-12–APP-18: search enterprises, claim one, follow the claim, complete it with the enterprise's certificate (an account session). */
@RestController
@Tag(name = "Enterprises")
class ClaimController {

    record Proof(String certificate, String signature) {
    }

    /** Step 2's choices for this platform. */
    record Choices(String platform, List<String> cas, List<String> roamingRegions, int maxExtraDocuments) {
    }

    private final EnterpriseSearch search;
    private final Claims claims;
    private final ClaimForm form;
    private final Attachments attachments;

    ClaimController(EnterpriseSearch search, Claims claims, ClaimForm form, Attachments attachments) {
        this.search = search;
        this.claims = claims;
        this.form = form;
        this.attachments = attachments;
    }

    @GetMapping("/api/t/{tenant}/me/enterprise-search")
    @Operation(summary = "APP-12: enterprises by full name (contains, at least 2 characters) or exact USCC, at most 20: name, USCC, "
            + "registered (has an administrator) and the actions offered (CLAIM, BANK_TRANSFER; or JOIN, BUY_CERTIFICATE, BANK_TRANSFER)")
    List<EnterpriseSearch.Found> search(PartyAccess me, @RequestParam(required = false) String q) {
        return search.search(me, q);
    }

    @GetMapping("/api/t/{tenant}/me/enterprise-claims/choices")
    @Operation(summary = "APP-15: the platform, CAs and roaming regions a claim may choose")
    Choices choices(PartyAccess me, @PathVariable String tenant) {
        Memberships.requireVerifiedAccount(me);
        return new Choices(tenant, form.cas(), Regions.codes(), ClaimForm.MAX_EXTRA);
    }

    @PostMapping("/api/t/{tenant}/me/claim-documents")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "APP-14, APP-16: upload the business licence or an extra document (PDF, JPEG or PNG); its id is named by the claim")
    AttachmentView upload(PartyAccess me, @RequestParam("file") MultipartFile file) throws IOException {
        Memberships.requireVerifiedAccount(me);
        return attachments.store(me.partyId(), file.getOriginalFilename(), file.getBytes());
    }

    @PostMapping("/api/t/{tenant}/me/enterprise-claims")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "APP-13–16: claim an enterprise without an administrator: documents, CA choices, the sealed letter (X-08); "
            + "it goes to the reviewer")
    Claim submit(PartyAccess me, @RequestBody ClaimForm.Input input) {
        return claims.submit(me, input);
    }

    @GetMapping("/api/t/{tenant}/me/enterprise-claims")
    @Operation(summary = "APP-17: my claims, newest first, with their state")
    List<Claim> mine(PartyAccess me) {
        return claims.mine(me);
    }

    @GetMapping("/api/t/{tenant}/me/enterprise-claims/{id}")
    @Operation(summary = "APP-17: one of my claims and its progress (history)")
    Claim one(PartyAccess me, @PathVariable long id) {
        return claims.get(me, id);
    }

    @PostMapping("/api/t/{tenant}/me/enterprise-claims/{id}/withdrawal")
    @Operation(summary = "Withdraw my open claim (and its review)")
    Claim withdraw(PartyAccess me, @PathVariable long id) {
        return claims.withdraw(me, id);
    }

    @PostMapping("/api/t/{tenant}/me/enterprise-claims/{id}/certificate-proof")
    @Operation(summary = "APP-13: complete the claim with a valid enterprise certificate of its USCC: the certificate and a signature "
            + "over \"huren-claim:{tenant}:{id}\"; I become the enterprise's administrator")
    Claim proof(PartyAccess me, @PathVariable long id, @RequestBody Proof proof) {
        return claims.completeByProof(me, id, proof == null ? null : proof.certificate(), proof == null ? null : proof.signature());
    }
}
