package cn.huren.server.membership;

import cn.huren.server.party.Attachments;
import cn.huren.server.session.PartyAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** the authorisation letter's template and its sealed upload (an account session of a verified person). */
@RestController
@Tag(name = "Enterprises")
class LetterController {

    private final AuthorisationLetters letters;

    LetterController(AuthorisationLetters letters) {
        this.letters = letters;
    }

    @GetMapping(value = "/api/t/{tenant}/me/letter-templates/{purpose}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "X-08: the authorisation letter for an act (CLAIM, BANK_TRANSFER, HANDOVER, APPEAL, ENTERPRISE_CHANGE, "
            + "CERTIFICATE), filled in, to print, seal and upload")
    ResponseEntity<String> template(PartyAccess me, @PathVariable LetterPurpose purpose, @RequestParam(required = false) String enterpriseName,
                                    @RequestParam(required = false) String uscc) {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Disposition", ContentDisposition.attachment()
                        .filename("授权书-" + purpose.zh() + ".html", StandardCharsets.UTF_8).build().toString())
                .body(letters.template(me, purpose, enterpriseName, uscc));
    }

    @PostMapping("/api/t/{tenant}/me/letters")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "X-08: upload the sealed letter (a photo or PDF: JPEG, PNG or PDF); its id is then named by the act")
    Attachments.AttachmentView upload(PartyAccess me, @RequestParam("file") MultipartFile file) throws IOException {
        return letters.upload(me, file.getOriginalFilename(), file.getBytes());
    }
}
