package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PartyRegistry;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PortalUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * 自治区主体信息库 (NMG-09, NMG-10): {@code {base}/p/neimenggu/registry} with 修改信息 and 电子件管理 (the core's
 * pages), 下一步 ({@code registry/review}: what will be submitted) and 提交信息.
 */
@Controller
class RegistryPages {

    /** One line of what will be submitted: label, value as shown (ID and mobile masked), present or not. */
    record Line(String name, String labelZh, String labelEn, String value, boolean present) {
    }

    private final SignedIn signedIn;
    private final RegistryIntake intake;

    RegistryPages(SignedIn signedIn, RegistryIntake intake) {
        this.signedIn = signedIn;
        this.intake = intake;
    }

    @GetMapping("/pages/registry")
    String page(HttpServletRequest request, Model model) {
        PortalUser me = signedIn.require(); // 401: the host sends the browser to the login and back
        try {
            long partyId = SignedIn.requireParty(me);
            intake.requireStep(partyId); // the page shows the stored result: no registry snapshot to read
            model.addAttribute("result", intake.status(partyId));
            Pages.problem(model, null);
        } catch (PluginProblem p) {
            Pages.problem(model, p);
        }
        return "neimenggu/registry";
    }

    @GetMapping("/pages/registry/review")
    String review(HttpServletRequest request, Model model) {
        PortalUser me = signedIn.require(); // 401: the host sends the browser to the login and back
        try {
            long partyId = SignedIn.requireParty(me);
            review(model, intake.snapshot(partyId), List.of());
            Pages.problem(model, null);
            return "neimenggu/registry-review";
        } catch (PluginProblem p) {
            Pages.problem(model, p);
            return "neimenggu/registry";
        }
    }

    @PostMapping("/pages/registry/submission")
    String submit(HttpServletRequest request, Model model) {
        PortalUser me = signedIn.require(); // 401: the host sends the browser to the login and back
        long partyId;
        try {
            partyId = SignedIn.requireWritableParty(me);
            intake.submit(partyId);
            return SignedIn.redirect(request, "registry");
        } catch (PluginProblem p) {
            if (!p.code().equals("intake-incomplete")) {
                Pages.problem(model, p);
                return "neimenggu/registry";
            }
            PartyRegistry.Snapshot snapshot = intake.snapshot(SignedIn.requireParty(me));
            review(model, snapshot, intake.missing(snapshot));
            Pages.problem(model, p);
            return "neimenggu/registry-review";
        }
    }

    private void review(Model model, PartyRegistry.Snapshot snapshot, List<RegistryIntake.Missing> missing) {
        List<Line> fields = new ArrayList<>();
        for (String name : intake.requiredFields()) {
            String value = snapshot.fields().get(name);
            boolean present = value != null && !value.isBlank();
            String shown = !present ? null : name.equals("residentId") ? Masks.residentId(value)
                    : name.equals("phone") || name.equals("contactPhone") ? Masks.mobile(value) : value;
            String[] l = RegistryIntake.label(name);
            fields.add(new Line(name, l[0], l[1], shown, present));
        }
        List<Line> documents = new ArrayList<>();
        for (String category : intake.requiredDocuments()) {
            Optional<PartyRegistry.Document> d = snapshot.documents().stream().filter(x -> category.equals(x.category())).findFirst();
            String[] l = RegistryIntake.label(category);
            documents.add(new Line(category, l[0], l[1], d.map(PartyRegistry.Document::fileName).orElse(null), d.isPresent()));
        }
        model.addAttribute("fields", fields);
        model.addAttribute("documents", documents);
        model.addAttribute("missing", missing);
        model.addAttribute("result", intake.status(snapshot.partyId()));
    }
}
