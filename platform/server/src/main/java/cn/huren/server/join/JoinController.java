package cn.huren.server.join;

import cn.huren.server.membership.Memberships;
import cn.huren.server.session.PartyAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Joining an enterprise: requests, the join link, invitations, a member's detail (/api/t/{tenant}/me/…, an account session). */
@RestController
@Tag(name = "Enterprises")
class JoinController {

    record GiveBack(String reason) {
    }

    record Invite(String mobile) {
    }

    /** The enterprise a join link names, as the join page shows it before applying. */
    record LinkedEnterprise(long enterpriseId, String name, String uscc) {
    }

    private final JoinRequests requests;
    private final JoinLinks links;
    private final Invitations invitations;
    private final Memberships memberships;
    private final MemberDetails details;

    JoinController(JoinRequests requests, JoinLinks links, Invitations invitations, Memberships memberships, MemberDetails details) {
        this.requests = requests;
        this.links = links;
        this.invitations = invitations;
        this.memberships = memberships;
        this.details = details;
    }

    @PostMapping("/api/t/{tenant}/me/join-requests")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "APP-20, APP-21: ask to join a registered enterprise, named by enterpriseId or by its join link's joinToken")
    JoinRequest apply(PartyAccess me, @RequestBody JoinRequests.Application body) {
        return requests.apply(me, body);
    }

    @GetMapping("/api/t/{tenant}/me/join-requests")
    @Operation(summary = "My requests to join, newest first")
    List<JoinRequest> mine(PartyAccess me) {
        return requests.mine(me);
    }

    @PostMapping("/api/t/{tenant}/me/join-requests/{id}/withdraw")
    @Operation(summary = "APP-22: withdraw my pending request")
    JoinRequest withdraw(PartyAccess me, @PathVariable long id) {
        return requests.withdraw(me, id);
    }

    @GetMapping("/api/t/{tenant}/me/join-links")
    @Operation(summary = "The enterprise a join link's token names (to show before applying); 404 unknown, 410 replaced")
    LinkedEnterprise linked(PartyAccess me, @RequestParam String token) {
        Memberships.requireVerifiedAccount(me);
        var e = memberships.enterprise(links.resolve(token));
        return new LinkedEnterprise(e.id(), e.name(), e.identifier());
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/join-requests")
    @Operation(summary = "APP-23: the enterprise's requests to join, pending first (the administrator)")
    List<JoinRequest> ofEnterprise(PartyAccess me, @PathVariable long enterpriseId) {
        return requests.ofEnterprise(me, enterpriseId);
    }

    @PostMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/join-requests/{id}/approve")
    @Operation(summary = "APP-23: approve: the person becomes staff and is told")
    JoinRequest approve(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long id) {
        return requests.approve(me, enterpriseId, id);
    }

    @PostMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/join-requests/{id}/return")
    @Operation(summary = "APP-23: send the request back (退回) with a reason; the person is told")
    JoinRequest giveBack(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long id, @RequestBody GiveBack body) {
        return requests.giveBack(me, enterpriseId, id, body == null ? null : body.reason());
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/join-link")
    @Operation(summary = "APP-21: the enterprise's join link (its QR code's content), made on first use; any member")
    JoinLinks.JoinLink link(PartyAccess me, @PathVariable long enterpriseId) {
        return links.current(me, enterpriseId);
    }

    @PostMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/join-link/rotate")
    @Operation(summary = "The administrator replaces the join link: the old one (and its QR code) is refused from now on")
    JoinLinks.JoinLink rotate(PartyAccess me, @PathVariable long enterpriseId) {
        return links.rotate(me, enterpriseId);
    }

    @PostMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "APP-68: invite a mobile number (the same answer whether or not it has an account)")
    Invitations.Invitation invite(PartyAccess me, @PathVariable long enterpriseId, @RequestBody Invite body) {
        return invitations.invite(me, enterpriseId, body == null ? null : body.mobile());
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/invitations")
    @Operation(summary = "APP-68: the enterprise's invitations (添加记录), newest first; any member")
    List<Invitations.Invitation> invitations(PartyAccess me, @PathVariable long enterpriseId) {
        return invitations.ofEnterprise(me, enterpriseId);
    }

    @GetMapping("/api/t/{tenant}/me/invitations")
    @Operation(summary = "Pending invitations to my number")
    List<Invitations.Invitation> myInvitations(PartyAccess me) {
        return invitations.mine(me);
    }

    @PostMapping("/api/t/{tenant}/me/invitations/{id}/accept")
    @Operation(summary = "Accept: staff at once when the administrator invited, else a join request for the administrator")
    Invitations.Accepted accept(PartyAccess me, @PathVariable long id) {
        return invitations.accept(me, id);
    }

    @PostMapping("/api/t/{tenant}/me/invitations/{id}/decline")
    @Operation(summary = "Decline an invitation")
    Invitations.Invitation decline(PartyAccess me, @PathVariable long id) {
        return invitations.decline(me, id);
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/members/{membershipId}")
    @Operation(summary = "APP-69: a member's detail and the number of certificates delegated to them (0 until delegation exists)")
    MemberDetails.MemberDetail member(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long membershipId) {
        return details.of(me, enterpriseId, membershipId);
    }

}
