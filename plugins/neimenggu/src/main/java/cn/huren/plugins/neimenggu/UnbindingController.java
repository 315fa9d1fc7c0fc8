package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * NMG-06 for apps, without a sign-in (the key is lost): {@code /api/t/{t}/plugins/neimenggu/unbinding/…}.
 */
@RestController
class UnbindingController {

    static final String CODE_SENT = "若该身份证号已绑定证书，验证码已发送至绑定时登记的手机 / if this resident ID has a bound key, "
            + "a code was sent to the mobile registered at binding";

    private final Unbindings unbindings;

    UnbindingController(Unbindings unbindings) {
        this.unbindings = unbindings;
    }

    record CodeRequest(String residentId) {
    }

    @PostMapping("/unbinding/code")
    ResponseEntity<Map<String, Object>> code(@RequestBody CodeRequest request, jakarta.servlet.http.HttpServletRequest http) {
        unbindings.sendCode(request.residentId(), http.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("message", CODE_SENT));
    }

    record UnbindRequest(String residentId, String code, String reason, boolean keyLost) {
    }

    /** 202 with the token of the status ({@code GET unbinding/{token}}; the page {@code /p/neimenggu/unbinding/{token}}). */
    @PostMapping("/unbinding")
    ResponseEntity<Unbindings.Submitted> submit(@RequestBody UnbindRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(unbindings.submit(request.residentId(), request.code(), request.reason(), request.keyLost()));
    }

    @GetMapping("/unbinding/{token}")
    Unbindings.View status(@PathVariable String token) {
        return unbindings.view(token).orElseThrow(() -> new PluginProblem(404, "not-found", "没有该解绑申请 / no such request"));
    }
}
