package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PortalUser;
import cn.huren.plugin.api.PortalUsers;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Who the request is signed in as, for the plugin's pages and its {@code me/…} endpoints. */
@Component
class SignedIn {

    private final PortalUsers users;

    SignedIn(PortalUsers users) {
        this.users = users;
    }

    /**
     * The portal's base path of a page request ("" on the tenant's host, {@code /t/nmg} in path mode): what comes
     * before {@code /p/neimenggu/} in the URL the browser asked for (the host may forward to {@code /pages/…}).
     */
    static String base(HttpServletRequest request) {
        Object forwarded = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        String uri = forwarded instanceof String f ? f : request.getRequestURI();
        int at = uri.indexOf(PAGES);
        return at >= 0 ? uri.substring(0, at) : "";
    }

    /** A page of this plugin, e.g. {@code progress}. */
    static String redirect(HttpServletRequest request, String page) {
        return "redirect:" + base(request) + PAGES + page;
    }

    static final String PAGES = "/p/neimenggu/";

    Optional<PortalUser> current() {
        return users.current();
    }

    PortalUser require() {
        // on a page the host turns 401 into the portal's login (certificate by USB key or mobile scan) and back
        return users.current().orElseThrow(() -> new PluginProblem(401, "unauthenticated", "请先登录 / sign in first"));
    }

    /** The party of a registered user; -1 while a certificate's holder is not registered (no step done). */
    static long partyOrNone(PortalUser user) {
        return user.partyId().isPresent() ? user.partyId().getAsLong() : -1;
    }

    /**
     * The party, for a change of its data (registry submission, seals, sync): only where the core lets this session write
     * ({@link PortalUser#mayWrite}: e.g. the tenant's login policy keeps a password or SMS login to reading), else 403.
     */
    static long requireWritableParty(PortalUser user) {
        long party = requireParty(user);
        requireWrite(user);
        return party;
    }

    static void requireWrite(PortalUser user) {
        if (!user.mayWrite()) {
            throw new PluginProblem(403, "write-not-allowed", "此登录方式只能查看，不能修改：请使用CA证书登录 / this sign-in may only read; "
                    + "sign in with the certificate to change anything");
        }
    }

    /** The party, for steps after binding: an unregistered holder has not bound yet. */
    static long requireParty(PortalUser user) {
        if (user.partyId().isEmpty()) {
            throw new PluginProblem(409, "intake-order", "先完成「" + IntakeStep.BINDING.zh + "」 / complete "
                    + IntakeStep.BINDING.en + " first (NMG-02)");
        }
        return user.partyId().getAsLong();
    }
}
