package cn.huren.server.seal;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.session.PartyAccess;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Linked seals and certificate type over the party API: /api/t/{tenant}/me/certificates/{id}/seals, …/type (SX-19). */
@RestController
class SealsController {

    record TypeInput(String type) {
    }

    private final Seals seals;

    SealsController(Seals seals) {
        this.seals = seals;
    }

    @GetMapping("/api/t/{tenant}/me/certificates/{id}/seals")
    List<Seals.Seal> list(PartyAccess me, @PathVariable long id) {
        return seals.list(me.requireRead(), id);
    }

    /** Only the party's own sessions; the type is always PNG, checked when the seal was added. */
    @GetMapping("/api/t/{tenant}/me/certificates/{id}/seals/{sealId}/image")
    ResponseEntity<byte[]> image(PartyAccess me, @PathVariable long id, @PathVariable long sealId) {
        return seals.imageResponse(me.requireRead(), id, sealId);
    }

    /** Multipart: {@code kind} (COMPANY, LEGAL_REPRESENTATIVE), {@code name}, {@code image} (PNG). */
    @PostMapping("/api/t/{tenant}/me/certificates/{id}/seals")
    @ResponseStatus(HttpStatus.CREATED)
    Seals.Seal add(PartyAccess me, @PathVariable long id, @RequestParam(required = false) String kind,
                   @RequestParam(required = false) String name, @RequestParam(required = false) MultipartFile image) throws IOException {
        long party = me.requireCertificateAdministration();
        return seals.add(me, party, id, kind, name, image == null ? null : image.getBytes());
    }

    @DeleteMapping("/api/t/{tenant}/me/certificates/{id}/seals/{sealId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(PartyAccess me, @PathVariable long id, @PathVariable long sealId) {
        seals.remove(me, me.requireCertificateAdministration(), id, sealId);
    }

    /** {@code {"type":"ENTERPRISE"|"LEGAL_REPRESENTATIVE"}}; the service answers a non-primary session. */
    @PutMapping("/api/t/{tenant}/me/certificates/{id}/type")
    CertificateBindings.Binding type(PartyAccess me, @PathVariable long id, @RequestBody TypeInput body) {
        return seals.classify(me, me.requireRead(), id, body.type());
    }
}
