package cn.huren.server.registry;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import cn.huren.server.party.ExpectedVersion;
import cn.huren.server.support.ApiException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A party's registry records, one set of endpoints for every kind:
 * /api/t/{tenant}/me/records/{kind}[/{id}[/submit|/void|/history]]. Reads need a bound certificate;
 * changes need the party's primary certificate (JS-77). A record comes with its ETag; a change
 * should send it back as If-Match, so that a change someone made meanwhile is refused (412), not lost.
 */
@RestController
class RecordsController {

    record RecordInput(@JsonDeserialize(using = ExactNumbers.class) Map<String, Object> data, Boolean submit, Long personId) {
    }

    record VoidInput(String reason, UUID evidence) {
    }

    private final RegistryRecords records;
    private final CertificateBindings access;

    RecordsController(RegistryRecords records, CertificateBindings access) {
        this.records = records;
        this.access = access;
    }

    @GetMapping("/api/t/{tenant}/me/records/{kind}")
    List<RecordView> list(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind) {
        return records.list(access.requireAccess(me, false), RecordKind.require(kind));
    }

    @PostMapping("/api/t/{tenant}/me/records/{kind}")
    ResponseEntity<RecordView> create(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind,
                                      @RequestBody RecordInput body) {
        long party = access.requireAccess(me, true);
        RecordKind k = RecordKind.require(kind);
        boolean submit = Boolean.TRUE.equals(body.submit());
        RecordView created = k.ofPerson() ? records.createForPerson(party, person(body), k, body.data(), submit, me.actor())
                : records.create(party, k, body.data(), submit, me.actor());
        return ResponseEntity.status(HttpStatus.CREATED).eTag(ExpectedVersion.etag(created.version())).body(created);
    }

    @GetMapping("/api/t/{tenant}/me/records/{kind}/{id}")
    ResponseEntity<RecordView> get(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind, @PathVariable long id) {
        return tagged(records.get(access.requireAccess(me, false), id, RecordKind.require(kind)));
    }

    @PutMapping("/api/t/{tenant}/me/records/{kind}/{id}")
    ResponseEntity<RecordView> update(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind, @PathVariable long id,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      @RequestBody RecordInput body) {
        long party = access.requireAccess(me, true);
        records.get(party, id, RecordKind.require(kind));
        return tagged(records.update(party, id, ExpectedVersion.ifMatch(ifMatch), body.data(), me.actor()));
    }

    @PostMapping("/api/t/{tenant}/me/records/{kind}/{id}/submit")
    ResponseEntity<RecordView> submit(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind, @PathVariable long id,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long party = access.requireAccess(me, true);
        records.get(party, id, RecordKind.require(kind));
        return tagged(records.submit(party, id, ExpectedVersion.ifMatch(ifMatch), me.actor()));
    }

    @PostMapping("/api/t/{tenant}/me/records/{kind}/{id}/void")
    ResponseEntity<RecordView> voidRecord(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind, @PathVariable long id,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @RequestBody VoidInput body) {
        long party = access.requireAccess(me, true);
        records.get(party, id, RecordKind.require(kind));
        return tagged(records.voidRecord(party, id, ExpectedVersion.ifMatch(ifMatch), body.reason(), body.evidence(), me.actor()));
    }

    @DeleteMapping("/api/t/{tenant}/me/records/{kind}/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind, @PathVariable long id,
                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long party = access.requireAccess(me, true);
        records.get(party, id, RecordKind.require(kind));
        records.delete(party, id, ExpectedVersion.ifMatch(ifMatch), me.actor());
    }

    @GetMapping("/api/t/{tenant}/me/records/{kind}/{id}/history")
    List<ChangeLedger.Entry> history(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind, @PathVariable long id) {
        long party = access.requireAccess(me, false);
        records.get(party, id, RecordKind.require(kind));
        return records.history(party, id);
    }

    private static ResponseEntity<RecordView> tagged(RecordView record) {
        return ResponseEntity.ok().eTag(ExpectedVersion.etag(record.version())).body(record);
    }

    private static long person(RecordInput body) {
        if (body.personId() == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("personId", "a person's record needs the person's id")));
        }
        return body.personId();
    }
}
