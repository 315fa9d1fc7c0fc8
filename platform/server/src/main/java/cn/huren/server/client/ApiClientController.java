package cn.huren.server.client;

import cn.huren.server.operator.OperationLog;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators manage a tenant's API clients: /api/platform/tenants/{code}/clients. The secret is in
 * the answer to create and rotate only; the operation log never holds it.
 */
@RestController
class ApiClientController {

    private final ApiClients clients;
    private final TenantDirectory tenants;
    private final OperationLog operations;

    ApiClientController(ApiClients clients, TenantDirectory tenants, OperationLog operations) {
        this.clients = clients;
        this.tenants = tenants;
        this.operations = operations;
    }

    @PostMapping("/api/platform/tenants/{code}/clients")
    @ResponseStatus(HttpStatus.CREATED)
    ApiClients.IssuedClient create(@PathVariable String code, @RequestBody ApiClients.NewClient body) {
        return operations.record("client.create", code, "name=" + body.name() + " scopes=" + body.scopes(),
                () -> tenants.callAs(code, () -> clients.create(body)));
    }

    @GetMapping("/api/platform/tenants/{code}/clients")
    List<ApiClients.ClientView> list(@PathVariable String code) {
        return tenants.callAs(code, clients::list);
    }

    /** New settings for a client, all of them as on create; the id and the secret stay. */
    @PutMapping("/api/platform/tenants/{code}/clients/{id}")
    ApiClients.ClientView change(@PathVariable String code, @PathVariable String id, @RequestBody ApiClients.NewClient body) {
        return operations.record("client.change", code, "client=" + id + " scopes=" + body.scopes() + " events=" + body.events(),
                () -> tenants.callAs(code, () -> clients.change(id, body)));
    }

    @PostMapping("/api/platform/tenants/{code}/clients/{id}/{action:enable|disable}")
    ApiClients.ClientView enable(@PathVariable String code, @PathVariable String id, @PathVariable String action) {
        return operations.record("client." + action, code, "client=" + id,
                () -> tenants.callAs(code, () -> clients.enable(id, action.equals("enable"))));
    }

    @PostMapping("/api/platform/tenants/{code}/clients/{id}/secret")
    ApiClients.IssuedClient rotate(@PathVariable String code, @PathVariable String id) {
        return operations.record("client.rotate-secret", code, "client=" + id, () -> tenants.callAs(code, () -> clients.rotateSecret(id)));
    }

}
