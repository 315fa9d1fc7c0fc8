package cn.huren.server.login;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Certificate login: /api/t/{tenant}/login/challenges. */
@RestController
class LoginController {

    record ChallengeRequest(CertificateLogin.Mode mode) {
    }

    record ChallengeResponse(String certificate, String signature, String mediumId) {
    }

    private final CertificateLogin login;

    LoginController(CertificateLogin login) {
        this.login = login;
    }

    @PostMapping("/api/t/{tenant}/login/challenges")
    @ResponseStatus(HttpStatus.CREATED)
    CertificateLogin.Challenge challenge(@RequestBody(required = false) ChallengeRequest body) {
        return login.issue(body == null || body.mode() == null ? CertificateLogin.Mode.TOKEN : body.mode());
    }

    @PostMapping("/api/t/{tenant}/login/challenges/{id}/response")
    CertificateLogin.LoginResult respond(@PathVariable UUID id, @RequestBody ChallengeResponse body, HttpServletRequest request) {
        return login.respond(id, body.certificate(), body.signature(), body.mediumId(), request.getRemoteAddr());
    }

    /** The mobile app read the QR code; the page shows it as scanned until the user confirms in the app. */
    @PostMapping("/api/t/{tenant}/login/challenges/{id}/scan")
    Map<String, String> scan(@PathVariable UUID id, HttpServletRequest request) {
        return Map.of("id", id.toString(), "state", login.scan(id, request.getRemoteAddr()));
    }

    @GetMapping("/api/t/{tenant}/login/challenges/{id}")
    Map<String, String> state(@PathVariable UUID id) {
        return Map.of("id", id.toString(), "state", login.state(id));
    }
}
