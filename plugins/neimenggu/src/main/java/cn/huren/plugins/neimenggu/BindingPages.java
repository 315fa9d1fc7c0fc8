package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PortalUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** 自然人绑定 (NMG-05): {@code {base}/p/neimenggu/binding}. */
@Controller
class BindingPages {

    private final SignedIn signedIn;
    private final CaBinding binding;

    BindingPages(SignedIn signedIn, CaBinding binding) {
        this.signedIn = signedIn;
        this.binding = binding;
    }

    @GetMapping("/pages/binding")
    String page(HttpServletRequest request, Model model) {
        PortalUser me = signedIn.require(); // 401: the host sends the browser to the login and back
        CaBinding.State state = binding.state(me);
        if ("BOUND".equals(state.status())) {
            return SignedIn.redirect(request, "progress"); // NMG-04: bound already, straight on
        }
        return view(model, state, null, null, null);
    }

    @PostMapping("/pages/binding/code")
    String code(@RequestParam(defaultValue = "") String mobile, @RequestParam(defaultValue = "") String email,
                HttpServletRequest request, Model model) {
        PortalUser me = signedIn.require(); // 401: the host sends the browser to the login and back
        try {
            binding.sendCode(me, mobile);
            model.addAttribute("codeSent", true);
            return view(model, binding.state(me), mobile, email, null);
        } catch (PluginProblem p) {
            return view(model, binding.state(me), mobile, email, p);
        }
    }

    @PostMapping("/pages/binding")
    String bind(@RequestParam(defaultValue = "") String mobile, @RequestParam(defaultValue = "") String code,
                @RequestParam(defaultValue = "") String email, HttpServletRequest request, Model model) {
        PortalUser me = signedIn.require(); // 401: the host sends the browser to the login and back
        try {
            binding.bind(me, mobile, code, email);
            return SignedIn.redirect(request, "progress?bound");
        } catch (PluginProblem p) {
            model.addAttribute("codeSent", true);
            return view(model, binding.state(me), mobile, email, p);
        }
    }

    private static String view(Model model, CaBinding.State state, String mobile, String email, PluginProblem problem) {
        model.addAttribute("state", state);
        model.addAttribute("mobile", mobile);
        model.addAttribute("email", email);
        Pages.problem(model, problem);
        return "neimenggu/binding";
    }
}
