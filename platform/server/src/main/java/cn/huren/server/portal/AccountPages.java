package cn.huren.server.portal;

import cn.huren.server.login.Accounts;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The steps between a certificate login and the registry: registering a new party after accepting
 * the agreement (JS-02, JS-04), then straight to basic information (JS-07); or activating a new or
 * renewed certificate of a registered party (JS-17–JS-19).
 */
@Controller
class AccountPages {

    private final Accounts accounts;

    AccountPages(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping({"/register", "/t/{tenant}/register"})
    String register(@AuthenticationPrincipal PartyPrincipal me, HttpServletRequest request) {
        return me.partyId() == null ? "portal/register" : "redirect:" + PageActions.base(request) + "/login/next";
    }

    @PostMapping({"/register", "/t/{tenant}/register"})
    String doRegister(@AuthenticationPrincipal PartyPrincipal me, @RequestParam(defaultValue = "false") boolean agree,
                      HttpServletRequest request, Model model) {
        if (!agree) {
            model.addAttribute("error", "account.register.mustAccept");
            return "portal/register";
        }
        accounts.register(me);
        return "redirect:" + PageActions.base(request) + "/registry/basic-info";
    }

    @GetMapping({"/activate", "/t/{tenant}/activate"})
    String activate(@AuthenticationPrincipal PartyPrincipal me, HttpServletRequest request, Model model) {
        if (accounts.next(me) != Accounts.Next.ACTIVATE) {
            return "redirect:" + PageActions.base(request) + "/login/next";
        }
        model.addAttribute("certificate", accounts.certificate(me));
        return "portal/activate";
    }

    @PostMapping({"/activate", "/t/{tenant}/activate"})
    String doActivate(@AuthenticationPrincipal PartyPrincipal me, @RequestParam(defaultValue = "") String holderName,
                      HttpServletRequest request, Model model) {
        try {
            accounts.activate(me, holderName);
        } catch (ApiException e) {
            model.addAttribute("certificate", accounts.certificate(me));
            model.addAttribute("holderName", holderName);
            model.addAttribute("problem", e.getMessage());
            return "portal/activate";
        }
        return "redirect:" + PageActions.base(request) + "/overview";
    }
}
