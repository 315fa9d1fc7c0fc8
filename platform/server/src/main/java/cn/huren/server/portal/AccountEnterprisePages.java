package cn.huren.server.portal;

import cn.huren.server.join.Invitations;
import cn.huren.server.join.JoinLinks;
import cn.huren.server.join.JoinRequest;
import cn.huren.server.join.JoinRequests;
import cn.huren.server.join.MemberDetails;
import cn.huren.server.membership.MemberChanges;
import cn.huren.server.membership.Membership;
import cn.huren.server.membership.Memberships;
import cn.huren.server.party.PartyView;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * 我的企业 and the enterprise's home (APP-19–23, APP-68, APP-69, APP-76, APP-77): my enterprises and role, my requests
 * and invitations; an enterprise's members, a member's detail, invite by number, the join link and its QR code, the
 * ADMIN's join requests to approve or return, removing members, leaving; the join page a QR code opens.
 */
@Controller
class AccountEnterprisePages {

    /** One of my enterprises as the list shows it. */
    record Mine(long enterpriseId, String name, String uscc, Membership membership) {
    }

    private final Memberships memberships;
    private final MemberChanges changes;
    private final JoinRequests requests;
    private final JoinLinks links;
    private final Invitations invitations;
    private final MemberDetails details;
    private final PageActions actions;

    AccountEnterprisePages(Memberships memberships, MemberChanges changes, JoinRequests requests, JoinLinks links, Invitations invitations,
                           MemberDetails details, PageActions actions) {
        this.memberships = memberships;
        this.changes = changes;
        this.requests = requests;
        this.links = links;
        this.invitations = invitations;
        this.details = details;
        this.actions = actions;
    }

    @GetMapping({"/account/enterprises", "/t/{tenant}/account/enterprises"})
    String mine(PartyAccess me, Model model) {
        long account = Memberships.requireVerifiedAccount(me);
        model.addAttribute("enterprises", memberships.ofAccount(account).stream().map(m -> {
            PartyView e = memberships.enterprise(m.enterpriseId());
            return new Mine(e.id(), e.name(), e.identifier(), m);
        }).toList());
        model.addAttribute("requests", requests.mine(me).stream().filter(JoinRequest::pending).toList());
        model.addAttribute("returned", requests.mine(me).stream().filter(r -> "RETURNED".equals(r.state())).limit(5).toList());
        model.addAttribute("invitations", invitations.mine(me));
        return "portal/account/enterprises";
    }

    @GetMapping({"/account/enterprises/{id}", "/t/{tenant}/account/enterprises/{id}"})
    String enterprise(PartyAccess me, @PathVariable long id, HttpServletRequest request, Model model) {
        Membership mine = memberships.requireMember(me, id);
        model.addAttribute("enterprise", memberships.enterprise(id));
        model.addAttribute("mine", mine);
        model.addAttribute("members", memberships.members(id));
        model.addAttribute("link", absolute(request, links.current(me, id).path()));
        model.addAttribute("invitations", invitations.ofEnterprise(me, id));
        model.addAttribute("joinRequests", mine.admin() ? requests.ofEnterprise(me, id).stream().filter(JoinRequest::pending).toList() : List.of());
        return "portal/account/enterprise";
    }

    @GetMapping({"/account/enterprises/{id}/join-qr.png", "/t/{tenant}/account/enterprises/{id}/join-qr.png"})
    ResponseEntity<byte[]> qr(PartyAccess me, @PathVariable long id, HttpServletRequest request) {
        String url = absolute(request, links.current(me, id).path());
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore()).body(QrCodes.png(url, 280));
    }

    @PostMapping({"/account/enterprises/{id}/join-link/rotate", "/t/{tenant}/account/enterprises/{id}/join-link/rotate"})
    String rotate(PartyAccess me, @PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.ent.linkRotated", () -> {
            links.rotate(me, id);
            return "/account/enterprises/" + id + "#share";
        }, "/account/enterprises/" + id + "#share");
    }

    @GetMapping({"/account/enterprises/{id}/members/{membershipId}", "/t/{tenant}/account/enterprises/{id}/members/{membershipId}"})
    String member(PartyAccess me, @PathVariable long id, @PathVariable long membershipId, Model model) {
        model.addAttribute("mine", memberships.requireMember(me, id));
        model.addAttribute("enterprise", memberships.enterprise(id));
        model.addAttribute("detail", details.of(me, id, membershipId));
        return "portal/account/enterprise-member";
    }

    @PostMapping({"/account/enterprises/{id}/member-removals", "/t/{tenant}/account/enterprises/{id}/member-removals"})
    String remove(PartyAccess me, @PathVariable long id, @RequestParam(name = "membershipId", required = false) List<Long> ids,
                  HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.ent.removed", () -> {
            changes.remove(me, id, ids == null ? List.of() : new ArrayList<>(ids));
            return "/account/enterprises/" + id + "#members";
        }, "/account/enterprises/" + id + "#members");
    }

    @GetMapping({"/account/enterprises/{id}/leave", "/t/{tenant}/account/enterprises/{id}/leave"})
    String confirmLeave(PartyAccess me, @PathVariable long id, Model model) {
        model.addAttribute("mine", memberships.requireMember(me, id));
        model.addAttribute("enterprise", memberships.enterprise(id));
        return "portal/account/enterprise-leave";
    }

    @PostMapping({"/account/enterprises/{id}/leave", "/t/{tenant}/account/enterprises/{id}/leave"})
    String leave(PartyAccess me, @PathVariable long id, @RequestParam(required = false) String confirm, HttpServletRequest request,
                 RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.ent.left", () -> {
            changes.leave(me, id, "true".equals(confirm));
            return "/account/enterprises";
        }, "/account/enterprises/" + id + "/leave");
    }

    @PostMapping({"/account/enterprises/{id}/invitations", "/t/{tenant}/account/enterprises/{id}/invitations"})
    String invite(PartyAccess me, @PathVariable long id, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request,
                  RedirectAttributes flash) {
        return actions.run(request, flash, form, "notice.ent.invited", () -> {
            invitations.invite(me, id, form.getFirst("mobile"));
            return "/account/enterprises/" + id + "#invite";
        }, "/account/enterprises/" + id + "#invite");
    }

    @PostMapping({"/account/enterprises/{id}/join-requests/{requestId}/approve", "/t/{tenant}/account/enterprises/{id}/join-requests/{requestId}/approve"})
    String approve(PartyAccess me, @PathVariable long id, @PathVariable long requestId, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.ent.approved", () -> {
            requests.approve(me, id, requestId);
            return "/account/enterprises/" + id + "#members";
        }, "/account/enterprises/" + id + "#join-requests");
    }

    @PostMapping({"/account/enterprises/{id}/join-requests/{requestId}/return", "/t/{tenant}/account/enterprises/{id}/join-requests/{requestId}/return"})
    String giveBack(PartyAccess me, @PathVariable long id, @PathVariable long requestId, @RequestParam MultiValueMap<String, String> form,
                    HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.ent.returned", () -> {
            requests.giveBack(me, id, requestId, form.getFirst("reason"));
            return "/account/enterprises/" + id + "#join-requests";
        }, "/account/enterprises/" + id + "#join-requests");
    }

    /** The information page: the enterprise named by a join link's token (QR) or by its id (search), then apply. */
    @GetMapping({"/account/enterprises/join", "/t/{tenant}/account/enterprises/join"})
    String joinPage(PartyAccess me, @RequestParam(required = false) String token, @RequestParam(required = false) Long enterprise, Model model) {
        Memberships.requireVerifiedAccount(me);
        model.addAttribute("token", token);
        try {
            long id = token != null ? links.resolve(token) : enterprise == null ? -1 : enterprise;
            model.addAttribute("enterprise", requests.requireRegistered(id));
            model.addAttribute("member", memberships.active(id, me.accountId()).isPresent());
        } catch (ApiException e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("problemKind", "problem." + e.kind());
        }
        return "portal/account/enterprise-join";
    }

    @PostMapping({"/account/enterprises/join", "/t/{tenant}/account/enterprises/join"})
    String join(PartyAccess me, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        String token = blank(form.getFirst("token")) ? null : form.getFirst("token");
        Long enterprise = token == null ? number(form.getFirst("enterpriseId")) : null;
        String back = "/account/enterprises/join?" + (token != null ? "token=" + token : "enterprise=" + enterprise);
        return actions.run(request, flash, form, "notice.ent.applied", AccountForms.placing(() -> {
            requests.apply(me, new JoinRequests.Application(enterprise, token, form.getFirst("position"), form.getFirst("department"),
                    form.getFirst("remark")));
            return "/account/enterprises#requests";
        }), back);
    }

    @PostMapping({"/account/enterprises/join-requests/{id}/withdraw", "/t/{tenant}/account/enterprises/join-requests/{id}/withdraw"})
    String withdraw(PartyAccess me, @PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.ent.withdrawn", () -> {
            requests.withdraw(me, id);
            return "/account/enterprises";
        }, "/account/enterprises");
    }

    @GetMapping({"/account/enterprises/invitations/{id}", "/t/{tenant}/account/enterprises/invitations/{id}"})
    String invitation(PartyAccess me, @PathVariable long id, Model model) {
        model.addAttribute("invitation", invitations.one(me, id));
        return "portal/account/enterprise-invitation";
    }

    @PostMapping({"/account/enterprises/invitations/{id}/{answer:accept|decline}", "/t/{tenant}/account/enterprises/invitations/{id}/{answer:accept|decline}"})
    String answer(PartyAccess me, @PathVariable long id, @PathVariable String answer, HttpServletRequest request, RedirectAttributes flash) {
        boolean accept = answer.equals("accept");
        return actions.run(request, flash, null, accept ? "notice.ent.accepted" : "notice.ent.declined", () -> {
            if (!accept) {
                invitations.decline(me, id);
                return "/account/enterprises";
            }
            Invitations.Accepted a = invitations.accept(me, id);
            return a.membership() != null ? "/account/enterprises/" + a.invitation().enterpriseId() : "/account/enterprises#requests";
        }, "/account/enterprises/invitations/" + id);
    }

    /** The join page's address as a phone scanning the QR code opens it. */
    private static String absolute(HttpServletRequest request, String path) {
        return ServletUriComponentsBuilder.fromContextPath(request).replacePath("").replaceQuery(null).build().toUriString()
                + PageActions.base(request) + path;
    }

    private static Long number(String s) {
        try {
            return s == null ? null : Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

}
