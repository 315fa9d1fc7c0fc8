package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PortalUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * NMG-02: where the person stands in the intake and what comes next — the page {@code {base}/p/neimenggu/progress}
 * and {@code GET /api/t/{t}/plugins/neimenggu/me/progress}.
 */
@Controller
class ProgressController {

    /**
     * The page of each step under {@code /p/neimenggu/} (HOHHOT and SYNC are the pages of the features that own
     * those steps: 主体登录 and 诚信库同步).
     */
    static final Map<IntakeStep, String> PAGES = Map.of(IntakeStep.BINDING, "binding", IntakeStep.REGISTRY, "registry",
            IntakeStep.HOHHOT, "hohhot", IntakeStep.SYNC, "sync");

    record Step(String step, String nameZh, String nameEn, String state, String hintZh, String hintEn, String page) {
    }

    record Progress(List<Step> steps, String current, String next, boolean complete) {
    }

    private final SignedIn signedIn;
    private final IntakeProgress progress;

    ProgressController(SignedIn signedIn, IntakeProgress progress) {
        this.signedIn = signedIn;
        this.progress = progress;
    }

    @GetMapping("/me/progress")
    @ResponseBody
    Progress json() {
        return of(signedIn.require());
    }

    @GetMapping("/pages/progress")
    String page(HttpServletRequest request, Model model) {
        PortalUser me = signedIn.require(); // 401: the host sends the browser to the login and back
        model.addAttribute("progress", of(me));
        model.addAttribute("justBound", request.getParameter("bound") != null);
        return "neimenggu/progress";
    }

    Progress of(PortalUser user) {
        List<Step> steps = progress.of(SignedIn.partyOrNone(user)).stream()
                .map(v -> new Step(v.step().name(), v.step().zh, v.step().en, v.state().name(), v.hintZh(), v.hintEn(),
                        SignedIn.PAGES + PAGES.get(v.step())))
                .toList();
        Step current = steps.stream().filter(s -> s.state().equals("CURRENT")).findFirst().orElse(null);
        return new Progress(steps, current == null ? null : current.step(), current == null ? null : current.page(), current == null);
    }
}
