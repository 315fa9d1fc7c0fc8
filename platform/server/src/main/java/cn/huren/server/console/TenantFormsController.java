package cn.huren.server.console;

import cn.huren.plugin.api.ConfigSchema;
import cn.huren.server.operator.OperationLog;
import cn.huren.server.plugins.InstalledPlugins;
import cn.huren.server.plugins.PluginStatus;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.InputValidator;
import cn.huren.server.tenancy.Branding;
import cn.huren.server.tenancy.TenantCommands.BrandingInput;
import cn.huren.server.tenancy.TenantCommands.CreateTenant;
import cn.huren.server.tenancy.TenantService;
import cn.huren.server.tenancy.TenantView;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Console forms over the same service and rules as the platform API. A refused form is shown
 * again with the operator's input and a message next to each field; nothing is saved.
 */
@Controller
@RequestMapping("/console/tenants")
class TenantFormsController {

    private final TenantService tenants;
    private final InstalledPlugins plugins;
    private final OperationLog operations;
    private final InputValidator validator;
    private final FormSubmissions submissions;

    TenantFormsController(TenantService tenants, InstalledPlugins plugins, OperationLog operations, InputValidator validator,
                          FormSubmissions submissions) {
        this.submissions = submissions;
        this.tenants = tenants;
        this.plugins = plugins;
        this.operations = operations;
        this.validator = validator;
    }

    @GetMapping("/new")
    String newTenant(@RequestParam(required = false) String plugin, Model model) {
        Map<String, String> form = new HashMap<>();
        form.put("primaryColor", "#1f5fa8");
        return createForm(plugin, form, Map.of(), UUID.randomUUID().toString(), model);
    }

    /** A double submit (same form id) creates one tenant and leads both submits to it, on any node. */
    @PostMapping
    String create(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response, Model model) {
        Map<String, String> form = params.toSingleValueMap();
        String formId = form.getOrDefault("formId", "");
        if (!formId.matches("[0-9a-f-]{36}")) {
            formId = UUID.randomUUID().toString();
        }
        String plugin = form.getOrDefault("plugin", "");
        try {
            String code = submissions.once(formId, () -> {
                ConfigSchema schema = tenants.requireStartedPlugin(plugin);
                CreateTenant command = new CreateTenant(TenantForm.blankToNull(form.get("code")), form.get("nameZh"),
                        form.get("nameEn"), plugin, TenantForm.hosts(form.get("hosts")), branding(form),
                        TenantForm.config(schema, params, true));
                return operations.record("tenant.create", command.code(),
                        "plugin=" + plugin + " hosts=" + command.hostList() + " (console)",
                        () -> tenants.create(validator.check(command))).code();
            });
            return "redirect:/console/tenants/" + code + "?created";
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            return createForm(plugin, form, TenantForm.errors(e), formId, model);
        }
    }

    private String createForm(String plugin, Map<String, String> form, Map<String, String> errors, String formId, Model model) {
        List<PluginStatus> started = plugins.statuses().stream().filter(p -> "STARTED".equals(p.state())).toList();
        String selected = plugin != null && started.stream().anyMatch(p -> p.id().equals(plugin)) ? plugin
                : started.isEmpty() ? "" : started.get(0).id();
        model.addAttribute("plugins", started);
        model.addAttribute("plugin", selected);
        model.addAttribute("fields", selected.isEmpty() ? List.of() : tenants.requireStartedPlugin(selected).fields());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("formId", formId);
        return "console/tenant-new";
    }

    @GetMapping("/{code}")
    String show(@PathVariable String code, Model model) {
        return detail(tenants.get(code), Map.of(), null, model);
    }

    @PostMapping("/{code}/branding")
    String rebrand(@PathVariable String code, @RequestParam Map<String, String> form, HttpServletResponse response, Model model) {
        try {
            operations.record("tenant.branding", code, "title=" + form.get("title") + " color=" + form.get("primaryColor") + " (console)",
                    () -> tenants.rebrand(code, validator.check(branding(form)).toBranding(tenants.get(code).nameZh())));
            return "redirect:/console/tenants/" + code + "?saved";
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            return detail(tenants.get(code), TenantForm.errors(e), form, model);
        }
    }

    @PostMapping("/{code}/config")
    String reconfigure(@PathVariable String code, @RequestParam MultiValueMap<String, String> params,
                       HttpServletResponse response, Model model) {
        TenantView tenant = tenants.get(code);
        try {
            Map<String, Object> changes = TenantForm.config(tenants.requireStartedPlugin(tenant.plugin()), params, false);
            operations.record("tenant.config", code, "fields=" + changes.keySet() + " (console)",
                    () -> tenants.reconfigure(code, changes));
            return "redirect:/console/tenants/" + code + "?saved";
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            return detail(tenant, TenantForm.errors(e), params.toSingleValueMap(), model);
        }
    }

    @GetMapping("/{code}/{action:suspend|resume}")
    String confirm(@PathVariable String code, @PathVariable String action, Model model) {
        model.addAttribute("tenant", tenants.get(code));
        model.addAttribute("action", action);
        return "console/confirm";
    }

    @PostMapping("/{code}/{action:suspend|resume}")
    String changeStatus(@PathVariable String code, @PathVariable String action) {
        operations.record("tenant." + action, code, "(console)",
                () -> action.equals("suspend") ? tenants.suspend(code) : tenants.resume(code));
        return "redirect:/console/tenants/" + code + "?" + action + "ed";
    }

    private String detail(TenantView tenant, Map<String, String> errors, Map<String, String> input, Model model) {
        model.addAttribute("tenant", tenant);
        model.addAttribute("errors", errors);
        Branding b = tenant.branding();
        Map<String, String> form = new HashMap<>();
        form.put("title", b.title());
        form.put("primaryColor", b.primaryColor());
        form.put("logo", b.logo());
        tenant.config().forEach((k, v) -> form.put("config." + k, String.valueOf(v)));
        if (input != null) {
            form.putAll(input);
        }
        model.addAttribute("form", form);
        try {
            model.addAttribute("fields", tenants.requireStartedPlugin(tenant.plugin()).fields());
        } catch (ApiException e) {
            model.addAttribute("fields", List.of());
            model.addAttribute("pluginProblem", e.getMessage());
        }
        return "console/tenant";
    }

    private static BrandingInput branding(Map<String, String> form) {
        return new BrandingInput(TenantForm.blankToNull(form.get("title")), TenantForm.blankToNull(form.get("primaryColor")),
                TenantForm.blankToNull(form.get("logo")));
    }
}
