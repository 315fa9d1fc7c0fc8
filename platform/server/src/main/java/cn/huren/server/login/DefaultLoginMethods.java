package cn.huren.server.login;

import cn.huren.plugin.api.LoginMethod;
import cn.huren.plugin.api.LoginMethod.Audience;
import cn.huren.plugin.api.LoginMethodProvider;
import cn.huren.plugin.api.TenantInfo;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The core's login methods, offered on every portal: certificate login with a USB key (CA 锁)
 * and with a mobile certificate app by QR scan (JS-03, JS-05, JS-06, JS-11, JS-12); the pages are
 * portal's CertificateLoginPages.
 */
@Component
class DefaultLoginMethods implements LoginMethodProvider {

    @Override
    public List<LoginMethod> loginMethods(TenantInfo tenant) {
        return List.of(
                new LoginMethod("ukey", "CA 锁登录", "USB key login",
                        "插入数字证书介质（CA 锁）并输入密码", "Insert your certificate USB key and enter its PIN",
                        Audience.ANY, "/login/ukey", true),
                new LoginMethod("mobile-ca", "移动证书扫码登录", "Mobile certificate scan",
                        "使用 CA 互认 App 扫描二维码", "Scan the QR code with a mutual-recognition certificate app",
                        Audience.ANY, "/login/mobile", true));
    }
}
