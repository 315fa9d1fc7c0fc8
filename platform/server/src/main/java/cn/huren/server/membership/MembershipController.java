package cn.huren.server.membership;

import cn.huren.server.party.PartyView;
import cn.huren.server.session.PartyAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A verified person's enterprises and their members (/api/t/{tenant}/me/enterprises/…, an account session). */
@RestController
@Tag(name = "Enterprises")
class MembershipController {

    record EnterpriseDetail(PartyView enterprise, Membership membership) {
    }

    record Removals(List<Long> membershipIds) {
    }

    record Leave(Boolean confirm) {
    }

    private final Memberships memberships;
    private final MemberChanges changes;

    MembershipController(Memberships memberships, MemberChanges changes) {
        this.memberships = memberships;
        this.changes = changes;
    }

    @GetMapping("/api/t/{tenant}/me/enterprises")
    @Operation(summary = "The enterprises I act for, with my role (ADMIN or STAFF)")
    List<Memberships.MyEnterprise> mine(PartyAccess me) {
        return memberships.enterprisesOf(Memberships.requireVerifiedAccount(me));
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}")
    @Operation(summary = "One of my enterprises: its party and my membership (404 when I am not a member)")
    EnterpriseDetail one(PartyAccess me, @PathVariable long enterpriseId) {
        Membership m = memberships.requireMember(me, enterpriseId);
        return new EnterpriseDetail(memberships.enterprise(enterpriseId), m);
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/members")
    @Operation(summary = "APP-69: the enterprise's members (names, masked numbers, roles), the administrator first")
    List<Memberships.Member> members(PartyAccess me, @PathVariable long enterpriseId) {
        memberships.requireMember(me, enterpriseId);
        return memberships.members(enterpriseId);
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/members/history")
    @Operation(summary = "Every membership change of the enterprise, newest first (the administrator only)")
    List<Memberships.HistoryEntry> history(PartyAccess me, @PathVariable long enterpriseId) {
        memberships.requireAdmin(me, enterpriseId);
        return memberships.history(enterpriseId);
    }

    @PostMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/member-removals")
    @Operation(summary = "APP-76: the administrator removes members, one or many (all or none)")
    List<Membership> remove(PartyAccess me, @PathVariable long enterpriseId, @RequestBody Removals body) {
        return changes.remove(me, enterpriseId, body == null ? null : body.membershipIds());
    }

    @DeleteMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/membership")
    @Operation(summary = "APP-77: leave the enterprise ({\"confirm\": true}); the administrator hands the role over first")
    Membership leave(PartyAccess me, @PathVariable long enterpriseId, @RequestBody Leave body) {
        return changes.leave(me, enterpriseId, body == null ? null : body.confirm());
    }
}
