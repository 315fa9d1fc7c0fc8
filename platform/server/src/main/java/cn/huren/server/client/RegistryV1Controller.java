package cn.huren.server.client;

import cn.huren.server.registry.ExactNumbers;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import cn.huren.server.party.InvalidIdentifierException;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.registry.ProjectBoard;
import cn.huren.server.registry.Projects;
import cn.huren.server.registry.RecordKind;
import cn.huren.server.registry.RegistryRecords;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The registry as trading systems use it: /api/t/{tenant}/v1/…, signed requests of the tenant's API clients. */
@RestController
@Tag(name = "Trading systems v1", description = "Signed requests of a tenant's API clients (see the Huren-HMAC-SHA256 scheme)")
class RegistryV1Controller {

    record UseInput(String useId) {
    }

    record ProjectPush(ProjectBoard board, String platformCode, @JsonDeserialize(using = ExactNumbers.class) Map<String, Object> data) {
    }

    private final PartyRegistration parties;
    private final RegistryRecords records;
    private final Projects projects;

    RegistryV1Controller(PartyRegistration parties, RegistryRecords records, Projects projects) {
        this.parties = parties;
        this.records = records;
        this.projects = projects;
    }

    @GetMapping("/api/t/{tenant}/v1/parties")
    @RequiresScope(Scope.REGISTRY_READ)
    @Operation(summary = "A party by its unified social credit code or its resident ID number (exactly one)")
    V1Views.Party party(@RequestParam(required = false) String uscc, @RequestParam(required = false) String residentId) {
        if ((uscc == null) == (residentId == null)) {
            throw ApiException.invalid(List.of(new FieldError(uscc == null ? "uscc" : "residentId",
                    "give exactly one of uscc (enterprises) and residentId (persons)")));
        }
        Optional<PartyView> party = uscc != null ? identified("uscc", uscc, parties::findByUscc)
                : identified("residentId", residentId, parties::findByResidentId);
        return party.map(V1Views.Party::of).orElseThrow(() -> ApiException.notFound("party-not-found", "no party with this "
                + (uscc != null ? "unified social credit code" : "resident ID number") + " in this tenant"));
    }

    @GetMapping("/api/t/{tenant}/v1/parties/{id}/records/{kind}")
    @RequiresScope(Scope.REGISTRY_READ)
    @Operation(summary = "A party's records of one kind that are usable in bidding (SUBMITTED only)")
    List<V1Views.BiddingRecord> records(@PathVariable long id,
                                         @Parameter(description = "bank-account, qualification, award, personnel, …") @PathVariable String kind) {
        RecordKind k = RecordKind.byCode(kind).orElseThrow(() -> ApiException.notFound("unknown-record-kind", "no record kind " + kind
                + "; known: " + Arrays.stream(RecordKind.values()).map(RecordKind::code).toList()));
        return records.usableInBidding(id, k).stream().map(V1Views.BiddingRecord::of).toList();
    }

    @GetMapping("/api/t/{tenant}/v1/parties/{id}/track-records")
    @RequiresScope(Scope.REGISTRY_READ)
    @Operation(summary = "A party's track records, NORMAL and VOIDED, with their use counts; all boards unless one is named")
    List<V1Views.TrackRecord> trackRecords(@PathVariable long id, @RequestParam(required = false) ProjectBoard board) {
        parties.requireExists(id);
        List<ProjectBoard> boards = board == null ? List.of(ProjectBoard.values()) : List.of(board);
        return boards.stream().flatMap(b -> projects.trackRecords(id, b).stream()).map(V1Views.TrackRecord::of).toList();
    }

    @PostMapping("/api/t/{tenant}/v1/track-records/{id}/uses")
    @RequiresScope(Scope.TRACK_RECORDS_USE)
    @Operation(summary = "Report a use of a track record in a bidding; counted once per use id, a repeat changes nothing")
    V1Views.TrackRecord reportUse(@AuthenticationPrincipal ClientPrincipal client, @PathVariable long id, @RequestBody UseInput body) {
        return V1Views.TrackRecord.of(projects.reportUse(id, body.useId(), client.actor()));
    }

    @PostMapping("/api/t/{tenant}/v1/parties/{id}/projects")
    @RequiresScope(Scope.PROJECTS_WRITE)
    @Operation(summary = "Push an on-platform project: the first push of a platform code creates it (DRAFT), later ones update "
            + "its platform fields, which stay read-only for the party")
    V1Views.Project pushProject(@AuthenticationPrincipal ClientPrincipal client, @PathVariable long id, @RequestBody ProjectPush body) {
        if (body.board() == null) {
            throw ApiException.invalid(List.of(new FieldError("board", "ENTERPRISE, TRANSPORT or WATER")));
        }
        if (body.platformCode() != null && body.platformCode().length() > 64) {
            throw ApiException.invalid(List.of(new FieldError("platformCode", "at most 64 characters")));
        }
        return V1Views.Project.of(projects.importOnPlatform(id, body.board(), body.platformCode(), body.data(), client.actor()));
    }

    /** An invalid code is the caller's mistake: 400 naming the rule it broke, never a 500 or a 404. */
    private static Optional<PartyView> identified(String field, String value, Function<String, Optional<PartyView>> find) {
        try {
            return find.apply(value);
        } catch (InvalidIdentifierException e) {
            throw ApiException.invalid(List.of(new FieldError(field, e.rule() + ": " + e.getMessage())));
        }
    }
}
