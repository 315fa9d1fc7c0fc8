package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.ApiCallers;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PluginSettings;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * NMG-13 over HTTP: Hohhot's platform asks, with a signed request as its API client (the configured
 * {@code hohhotSyncClientId}: X-Huren-Client, X-Huren-Timestamp, X-Huren-Nonce, X-Huren-Signature), whether a
 * certificate presented at its member client may log in. The nonce and signature are Hohhot's to check; they are
 * accepted and ignored here.
 */
@RestController
class MemberLoginController {

    record MemberLogin(String certificate, String nonce, String signature) {
    }

    private final ApiCallers callers;
    private final PluginSettings settings;
    private final MemberLogins logins;

    MemberLoginController(ApiCallers callers, PluginSettings settings, MemberLogins logins) {
        this.callers = callers;
        this.settings = settings;
        this.logins = logins;
    }

    @PostMapping("/hohhot/member-logins")
    MemberLogins.Answer check(@RequestBody(required = false) MemberLogin body) {
        ApiCallers.ApiCaller caller = callers.current().orElseThrow(() -> new PluginProblem(401, "signature-required",
                "Hohhot's platform signs its request as its API client (X-Huren-Client, X-Huren-Timestamp, X-Huren-Nonce, X-Huren-Signature)"));
        String hohhot = settings.current().text(NeimengguSchema.HOHHOT_SYNC_CLIENT).orElse("");
        if (!caller.clientId().equals(hohhot)) {
            throw new PluginProblem(403, "not-hohhot", "API client " + caller.clientId()
                    + " is not Hohhot's platform (plugin configuration hohhotSyncClientId)");
        }
        return logins.check(body == null ? null : body.certificate());
    }
}
