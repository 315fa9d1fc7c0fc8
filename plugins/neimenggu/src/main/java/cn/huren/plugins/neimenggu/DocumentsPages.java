package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PortalUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * 电子件管理 (NMG-09): {@code {base}/p/neimenggu/documents} lists the person's documents, uploads one under a category
 * and removes one; needs the CA binding (else the page says {@code intake-order}).
 */
@Controller
class DocumentsPages {

    private final SignedIn signedIn;
    private final Documents documents;

    DocumentsPages(SignedIn signedIn, Documents documents) {
        this.signedIn = signedIn;
        this.documents = documents;
    }

    @GetMapping("/pages/documents")
    String page(@RequestParam(required = false) String done, Model model) {
        PortalUser me = signedIn.require(); // 401: the host sends the browser to the login and back
        model.addAttribute("done", "uploaded".equals(done) || "removed".equals(done) ? done : null);
        return show(me, model, null, "");
    }

    @PostMapping("/pages/documents")
    String upload(@RequestParam(required = false) String category, @RequestParam(required = false) MultipartFile file,
                  HttpServletRequest request, Model model) {
        PortalUser me = signedIn.require();
        try {
            documents.upload(me, documents.party(me), category, file);
            return SignedIn.redirect(request, "documents?done=uploaded");
        } catch (PluginProblem p) {
            return show(me, model, p, category);
        }
    }

    @PostMapping("/pages/documents/{id}/removal")
    String remove(@PathVariable String id, HttpServletRequest request, Model model) {
        PortalUser me = signedIn.require();
        try {
            documents.remove(me, documents.party(me), id);
            return SignedIn.redirect(request, "documents?done=removed");
        } catch (PluginProblem p) {
            return show(me, model, p, "");
        }
    }

    private String show(PortalUser me, Model model, PluginProblem problem, String category) {
        model.addAttribute("categories", Documents.CATEGORIES);
        model.addAttribute("category", category == null ? "" : category);
        try {
            model.addAttribute("documents", documents.list(documents.party(me)));
            model.addAttribute("open", true);
        } catch (PluginProblem refused) { // not bound yet: the page says so and links to the progress
            model.addAttribute("open", false);
            problem = refused;
        }
        Pages.problem(model, problem);
        return "neimenggu/documents";
    }
}
