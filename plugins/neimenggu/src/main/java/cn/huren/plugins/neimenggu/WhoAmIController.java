package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PortalUser;
import cn.huren.plugin.api.PortalUsers;
import cn.huren.plugin.api.PresentedCertificate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/t/{tenant}/plugins/neimenggu/me/whoami (party API: bearer token only): who the token speaks for and the
 * certificate its session was opened with, as 读取证书 shows it; identifiers masked.
 */
@RestController
class WhoAmIController {

    private final PortalUsers users;

    WhoAmIController(PortalUsers users) {
        this.users = users;
    }

    @GetMapping("/me/whoami")
    Map<String, Object> whoami() {
        PortalUser user = users.current().orElseThrow(() -> new PluginProblem(401, "unauthenticated", "log in first"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partyId", user.partyId().isPresent() ? user.partyId().getAsLong() : null);
        body.put("partyKind", user.partyKind());
        body.put("name", user.name());
        body.put("identifier", mask(user.identifier()));
        body.put("authentication", user.authentication());
        body.put("certificate", user.certificate().map(WhoAmIController::certificate).orElse(null));
        body.put("mayWrite", user.mayWrite());
        body.put("certificateSession", user.certificateSession());
        return body;
    }

    private static Map<String, Object> certificate(PresentedCertificate c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("serial", c.serial());
        body.put("subject", c.subject());
        body.put("issuer", c.issuer());
        body.put("caName", c.caName());
        body.put("fingerprint", c.fingerprint());
        body.put("holderName", c.holderName());
        body.put("holderKind", c.holderKind());
        body.put("holderIdentifier", mask(c.holderIdentifier()));
        body.put("notBefore", c.notBefore());
        body.put("notAfter", c.notAfter());
        body.put("medium", c.medium());
        body.put("algorithm", c.algorithm());
        return body;
    }

    /** A resident ID or USCC as shown: its first 3 and last 4 characters. */
    static String mask(String identifier) {
        if (identifier == null || identifier.length() < 8) {
            return identifier == null ? null : "****";
        }
        return identifier.substring(0, 3) + "*".repeat(identifier.length() - 7) + identifier.substring(identifier.length() - 4);
    }
}
