package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.ui.Model;

/** What the plugin's pages share: a refusal shown at the top and next to its fields. */
final class Pages {

    private Pages() {
    }

    /** {@code refusal} (the message, "中文 / English") and {@code fieldErrors} (field → message). */
    static void problem(Model model, PluginProblem problem) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (problem != null) {
            problem.fields().forEach(f -> fields.putIfAbsent(f.field(), f.message()));
            model.addAttribute("refusal", problem.getMessage());
            model.addAttribute("refusalCode", problem.code());
        }
        model.addAttribute("fieldErrors", fields);
    }
}
