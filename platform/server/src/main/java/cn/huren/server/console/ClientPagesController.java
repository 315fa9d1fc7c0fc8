package cn.huren.server.console;

import cn.huren.server.client.ApiClients;
import cn.huren.server.operator.OperationLog;
import cn.huren.server.support.ApiException;
import cn.huren.server.sync.EventTypes;
import cn.huren.server.sync.OutboxAdmin;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletResponse;
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
 * A tenant's API clients and its outbox, over the same services as the platform API. A new or
 * rotated secret is shown in the answer to that POST only: it is never stored where the page could
 * show it again (the form's idempotency record keeps the client id, not the secret).
 */
@Controller
@RequestMapping("/console/tenants/{code}/clients")
class ClientPagesController {

    private final ApiClients clients;
    private final OutboxAdmin outbox;
    private final TenantDirectory tenants;
    private final OperationLog operations;
    private final FormSubmissions submissions;

    ClientPagesController(ApiClients clients, OutboxAdmin outbox, TenantDirectory tenants, OperationLog operations,
                          FormSubmissions submissions) {
        this.clients = clients;
        this.outbox = outbox;
        this.tenants = tenants;
        this.operations = operations;
        this.submissions = submissions;
    }

    @GetMapping
    String show(@PathVariable String code, Model model) {
        return page(code, Map.of(), Map.of(), model);
    }

    /** A double submit (same form id) creates one client; the repeat is told the secret was shown once. */
    @PostMapping
    String create(@PathVariable String code, @RequestParam MultiValueMap<String, String> params, HttpServletResponse response, Model model) {
        Map<String, String> form = params.toSingleValueMap();
        String formId = form.getOrDefault("formId", "").matches("[0-9a-f-]{36}") ? form.get("formId") : UUID.randomUUID().toString();
        ApiClients.NewClient request = new ApiClients.NewClient(form.get("name"), params.getOrDefault("scopes", List.of()),
                form.get("webhookUrl"), TenantForm.hosts(form.get("events")), null);
        ApiClients.IssuedClient[] issued = new ApiClients.IssuedClient[1];
        try {
            String id = submissions.once(formId, () -> operations.record("client.create", code, "name=" + request.name() + " scopes="
                    + request.scopes() + " (console)", () -> {
                        issued[0] = tenants.callAs(code, () -> clients.create(request));
                        return issued[0].client().clientId();
                    }));
            model.addAttribute(issued[0] != null ? "issued" : "repeated", issued[0] != null ? issued[0] : id);
            return page(code, Map.of(), Map.of(), model);
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            model.addAttribute("formId", formId);
            return page(code, form, TenantForm.errors(e), model);
        }
    }

    @PostMapping("/{id}/{action:enable|disable}")
    String enable(@PathVariable String code, @PathVariable String id, @PathVariable String action) {
        operations.record("client." + action, code, "client=" + id + " (console)", () -> tenants.callAs(code, () -> clients.enable(id, action.equals("enable"))));
        return "redirect:/console/tenants/" + code + "/clients?" + action + "d";
    }

    @PostMapping("/{id}/secret")
    String rotate(@PathVariable String code, @PathVariable String id, Model model) {
        model.addAttribute("issued", operations.record("client.rotate-secret", code, "client=" + id + " (console)",
                () -> tenants.callAs(code, () -> clients.rotateSecret(id))));
        return page(code, Map.of(), Map.of(), model);
    }

    @PostMapping("/outbox/replay")
    String replay(@PathVariable String code, @RequestParam(required = false) Long delivery) {
        int replayed = operations.record("outbox.replay", code, (delivery == null ? "all dead letters" : "delivery=" + delivery) + " (console)",
                () -> tenants.callAs(code, () -> outbox.replay(delivery)));
        return "redirect:/console/tenants/" + code + "/clients?replayed=" + replayed;
    }

    private String page(String code, Map<String, String> form, Map<String, String> errors, Model model) {
        TenantDescriptor tenant = tenants.require(code);
        model.addAttribute("tenant", tenant);
        TenantContext.callAs(tenant, () -> {
            model.addAttribute("clients", clients.list());
            model.addAttribute("summary", outbox.summary());
            model.addAttribute("deadLetters", outbox.deadLetters(50));
            return null;
        });
        model.addAttribute("scopes", ApiClients.scopeCodes());
        model.addAttribute("eventTypes", EventTypes.CORE);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("formId")) {
            model.addAttribute("formId", UUID.randomUUID().toString());
        }
        return "console/clients";
    }


}
