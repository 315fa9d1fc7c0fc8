package cn.huren.server.login;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.ExpectedVersion;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.InputValidator;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * A certificate holder's own account on a portal: who am I, register (binding the login
 * certificate as the primary), basic information (JS-07), attachments.
 */
@RestController
class AccountController {

    private final PartyRegistration parties;
    private final Accounts accounts;
    private final CertificateBindings bindings;
    private final Attachments attachments;
    private final InputValidator validator;

    AccountController(PartyRegistration parties, Accounts accounts, CertificateBindings bindings,
                      Attachments attachments, InputValidator validator) {
        this.parties = parties;
        this.accounts = accounts;
        this.bindings = bindings;
        this.attachments = attachments;
        this.validator = validator;
    }

    /** The ETag is the party's version: what a basic-information change names in If-Match. */
    @GetMapping("/api/t/{tenant}/me")
    ResponseEntity<Map<String, Object>> me(PartyAccess me) {
        if (me.accountSession()) {
            me.requireRead(); // an account sees its person here only where the login policy lets it read (its own page is /me/account)
        }
        PartyView party = me.partyId() == null ? null : parties.require(me.partyId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("holderKind", me.principal().holderKind());
        body.put("holderIdentifier", me.principal().holderIdentifier());
        body.put("certificateSerial", me.certificateSerial());
        body.put("party", party);
        body.put("certificateBound", me.partyId() != null && me.certificateBound());
        return party == null ? ResponseEntity.ok(body) : ResponseEntity.ok().eTag(ExpectedVersion.etag(party.version())).body(body);
    }

    /** JS-02, JS-05, JS-06: registration by a certificate whose holder has no party yet; the certificate becomes the primary. */
    @PostMapping("/api/t/{tenant}/me/register")
    @ResponseStatus(HttpStatus.CREATED)
    PartyView register(PartyAccess me) {
        return accounts.register(me);
    }

    record Activation(String holderName) {
    }

    /** JS-17–JS-19: activate this session's certificate for its registered party. */
    @PostMapping("/api/t/{tenant}/me/activation")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> activate(PartyAccess me, @RequestBody Activation body) {
        long binding = accounts.activate(me, body == null ? null : body.holderName());
        return Map.of("bindingId", binding, "primary", bindings.isPrimary(me.partyId(), me.certificateFingerprint()));
    }

    /** If-Match (the ETag of GET /me): refused with 412 when someone else saved the party meanwhile. */
    @PutMapping("/api/t/{tenant}/me/basic-info")
    ResponseEntity<PartyView> basicInfo(PartyAccess me,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @RequestBody PartyRegistration.BasicInfo info) {
        long party = me.requireWrite();
        PartyView saved = parties.maintainBasicInfo(party, ExpectedVersion.ifMatch(ifMatch), validator.check(info), me.actor());
        return ResponseEntity.ok().eTag(ExpectedVersion.etag(saved.version())).body(saved);
    }

    /** Only the owning party's sessions read a file; the type is the sniffed one, never the name's. */
    @GetMapping("/api/t/{tenant}/me/attachments/{id}")
    org.springframework.http.ResponseEntity<byte[]> download(PartyAccess me,
                                                             @org.springframework.web.bind.annotation.PathVariable java.util.UUID id) {
        long party = me.requireRead();
        Attachments.AttachmentView file = attachments.find(party, id)
                .orElseThrow(() -> ApiException.notFound("attachment-not-found", "no such attachment"));
        byte[] content = attachments.content(party, id).orElseThrow();
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(file.mediaType()))
                .header("Content-Disposition", org.springframework.http.ContentDisposition.attachment()
                        .filename(file.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-SHA256", file.sha256())
                .body(content);
    }

    @PostMapping("/api/t/{tenant}/me/attachments")
    @ResponseStatus(HttpStatus.CREATED)
    Attachments.AttachmentView upload(PartyAccess me, @RequestParam("file") MultipartFile file)
            throws IOException {
        long party = me.requireWrite();
        return attachments.store(party, file.getOriginalFilename(), file.getBytes());
    }
}
