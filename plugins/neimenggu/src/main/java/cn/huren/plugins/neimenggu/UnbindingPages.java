package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** CA证书解绑 (NMG-06): {@code {base}/p/neimenggu/unbinding}, open without a sign-in, and the request's status page. */
@Controller
class UnbindingPages {

    private final Unbindings unbindings;

    UnbindingPages(Unbindings unbindings) {
        this.unbindings = unbindings;
    }

    @GetMapping("/pages/unbinding")
    String page(Model model) {
        return form(model, "", "", false, null);
    }

    @PostMapping("/pages/unbinding/code")
    String code(@RequestParam(defaultValue = "") String residentId, @RequestParam(defaultValue = "") String reason,
                @RequestParam(defaultValue = "false") boolean keyLost, Model model, jakarta.servlet.http.HttpServletRequest http) {
        try {
            unbindings.sendCode(residentId, http.getRemoteAddr());
            model.addAttribute("codeSent", UnbindingController.CODE_SENT);
            return form(model, residentId, reason, keyLost, null);
        } catch (PluginProblem p) {
            return form(model, residentId, reason, keyLost, p);
        }
    }

    @PostMapping("/pages/unbinding")
    String submit(@RequestParam(defaultValue = "") String residentId, @RequestParam(defaultValue = "") String code,
                  @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "false") boolean keyLost,
                  HttpServletRequest request, Model model) {
        try {
            Unbindings.Submitted submitted = unbindings.submit(residentId, code, reason, keyLost);
            return SignedIn.redirect(request, "unbinding/" + submitted.token());
        } catch (PluginProblem p) {
            model.addAttribute("codeSent", UnbindingController.CODE_SENT);
            return form(model, residentId, reason, keyLost, p);
        }
    }

    @GetMapping("/pages/unbinding/{token}")
    String status(@PathVariable String token, Model model) {
        model.addAttribute("request", unbindings.view(token).orElse(null));
        return "neimenggu/unbinding-status";
    }

    private static String form(Model model, String residentId, String reason, boolean keyLost, PluginProblem problem) {
        model.addAttribute("residentId", residentId);
        model.addAttribute("reason", reason);
        model.addAttribute("keyLost", keyLost);
        Pages.problem(model, problem);
        return "neimenggu/unbinding";
    }
}
