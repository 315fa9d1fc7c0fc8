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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A party's projects and track records (JS-23–JS-49) under /api/t/{tenant}/me/…: reads with a bound
 * certificate, changes with the primary one. A project comes with its ETag; a change should send it
 * back as If-Match, as for records.
 */
@RestController
class ProjectsController {

    record ProjectInput(ProjectBoard board, @JsonDeserialize(using = ExactNumbers.class) Map<String, Object> data, Boolean submit) {
    }

    record ManagerInput(Long personnelId, UUID evidence) {
    }

    record CompletionInput(@JsonDeserialize(using = ExactNumbers.class) Map<String, Object> contract, List<UUID> completionDocuments) {
    }

    record VoidInput(String reason, UUID evidence) {
    }

    private final Projects projects;
    private final CertificateBindings access;

    ProjectsController(Projects projects, CertificateBindings access) {
        this.projects = projects;
        this.access = access;
    }

    @GetMapping("/api/t/{tenant}/me/projects")
    List<ProjectView> list(@AuthenticationPrincipal PartyPrincipal me, @RequestParam ProjectBoard board) {
        return projects.list(access.requireAccess(me, false), board);
    }

    @PostMapping("/api/t/{tenant}/me/projects")
    ResponseEntity<ProjectView> create(@AuthenticationPrincipal PartyPrincipal me, @RequestBody ProjectInput body) {
        if (body.board() == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("board", "ENTERPRISE, TRANSPORT or WATER")));
        }
        ProjectView created = projects.createOffPlatform(access.requireAccess(me, true), body.board(), body.data(),
                Boolean.TRUE.equals(body.submit()), me.actor());
        return ResponseEntity.status(HttpStatus.CREATED).eTag(ExpectedVersion.etag(created.version())).body(created);
    }

    @GetMapping("/api/t/{tenant}/me/projects/{id}")
    ResponseEntity<ProjectView> get(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id) {
        return tagged(projects.get(access.requireAccess(me, false), id));
    }

    @PutMapping("/api/t/{tenant}/me/projects/{id}")
    ResponseEntity<ProjectView> edit(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                     @RequestBody ProjectInput body) {
        return tagged(projects.edit(access.requireAccess(me, true), id, ExpectedVersion.ifMatch(ifMatch), body.data(), me.actor()));
    }

    @PostMapping("/api/t/{tenant}/me/projects/{id}/submit")
    ResponseEntity<ProjectView> submit(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return tagged(projects.submit(access.requireAccess(me, true), id, ExpectedVersion.ifMatch(ifMatch), me.actor()));
    }

    /** 在建项目维护 (JS-29). */
    @PostMapping("/api/t/{tenant}/me/projects/{id}/correct")
    ResponseEntity<ProjectView> correct(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @RequestBody ProjectInput body) {
        return tagged(projects.correct(access.requireAccess(me, true), id, ExpectedVersion.ifMatch(ifMatch), body.data(), me.actor()));
    }

    @PostMapping("/api/t/{tenant}/me/projects/{id}/manager")
    ResponseEntity<ProjectView> changeManager(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @RequestBody ManagerInput body) {
        if (body.personnelId() == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("personnelId", "pick the manager from your personnel")));
        }
        return tagged(projects.changeManager(access.requireAccess(me, true), id, ExpectedVersion.ifMatch(ifMatch), body.personnelId(),
                body.evidence(), me.actor()));
    }

    /** The answer is the new track record, a resource of its own: no project ETag on it. */
    @PostMapping("/api/t/{tenant}/me/projects/{id}/complete")
    TrackRecordView complete(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id,
                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                             @RequestBody CompletionInput body) {
        return projects.complete(access.requireAccess(me, true), id, ExpectedVersion.ifMatch(ifMatch), body.contract(),
                body.completionDocuments(), me.actor());
    }

    @DeleteMapping("/api/t/{tenant}/me/projects/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id,
                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        projects.delete(access.requireAccess(me, true), id, ExpectedVersion.ifMatch(ifMatch), me.actor());
    }

    @GetMapping("/api/t/{tenant}/me/projects/{id}/history")
    List<ChangeLedger.Entry> history(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id) {
        return projects.history(access.requireAccess(me, false), id);
    }

    @GetMapping("/api/t/{tenant}/me/track-records")
    List<TrackRecordView> trackRecords(@AuthenticationPrincipal PartyPrincipal me, @RequestParam ProjectBoard board) {
        return projects.trackRecords(access.requireAccess(me, false), board);
    }

    @PostMapping("/api/t/{tenant}/me/track-records/{id}/void")
    TrackRecordView voidTrackRecord(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id, @RequestBody VoidInput body) {
        return projects.voidTrackRecord(access.requireAccess(me, true), id, body.reason(), body.evidence(), me.actor());
    }

    private static ResponseEntity<ProjectView> tagged(ProjectView project) {
        return ResponseEntity.ok().eTag(ExpectedVersion.etag(project.version())).body(project);
    }
}
