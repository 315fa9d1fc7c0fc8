package cn.huren.plugins.anhui;

import cn.huren.plugin.api.CurrentTenant;
import cn.huren.plugin.api.HostEnvironment;
import cn.huren.plugin.api.PortalSignIn;
import cn.huren.plugin.api.VerifiedPerson;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mounted by the host under /api/t/{tenant}/plugins/anhui/. The login stands in for 皖事通 with one
 * test person where sandboxes may answer (demo mode, tests); a real plugin would redirect to 皖事通 here.
 */
@RestController
class WanShiTongController {

    private final PortalSignIn signIn;
    private final HostEnvironment host;
    private final JdbcClient jdbc;
    private final CurrentTenant tenant;

    WanShiTongController(PortalSignIn signIn, HostEnvironment host, JdbcClient jdbc, CurrentTenant tenant) {
        this.signIn = signIn;
        this.host = host;
        this.jdbc = jdbc;
        this.tenant = tenant;
    }

    @GetMapping("/login/wanshitong/start")
    ResponseEntity<Void> start() {
        if (!host.sandboxesAllowed()) {
            return redirect(signIn.refused("皖事通登录尚未开通，请使用数字证书登录。",
                    "WanShiTong login is not open yet; sign in with a certificate."));
        }
        VerifiedPerson person = new VerifiedPerson("皖测试", "340102199001011236", null, "wanshitong");
        jdbc.sql("insert into ah_sign_in (resident_id) values (?)").param(person.residentId()).update();
        return redirect(signIn.signIn(person));
    }

    @GetMapping("/info")
    Map<String, Object> info() {
        long signIns = jdbc.sql("select count(*) from ah_sign_in").query(Long.class).single();
        return Map.of("region", "安徽", "tenant", tenant.require().code(), "signIns", signIns);
    }

    private static ResponseEntity<Void> redirect(String path) {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, path).build();
    }
}
