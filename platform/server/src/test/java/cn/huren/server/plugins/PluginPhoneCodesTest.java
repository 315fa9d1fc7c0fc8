package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.PhoneCodeException;
import cn.huren.plugin.api.PhoneCodes;
import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.smscode.SmsCodes;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The PhoneCodes host service: the core's SMS codes with the purpose namespaced by the plugin. */
@IntegrationTest
class PluginPhoneCodesTest {

    @LocalServerPort
    int port;
    @Autowired
    HostServices hostServices;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    SmsSender sms;
    @Autowired
    SmsCodes core;

    <T> T in(String tenant, Supplier<T> work) {
        return TenantContext.callAs(tenants.require(tenant), work);
    }

    @Test
    @DisplayName("a plugin's code passes only its own check of the same purpose, once: not another purpose's, not another plugin's, "
            + "not the core's check of that word")
    void purposesApart() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ppc1", "neimenggu"));
        PhoneCodes nmg = hostServices.phoneCodes("neimenggu");
        PhoneCodes other = hostServices.phoneCodes("jiangsu");
        String mobile = "13847100001";
        SentCodes codes = new SentCodes(sms, "ppc1");

        in("ppc1", () -> {
            nmg.send("binding", mobile);
            return null;
        });
        String code = codes.next(mobile);

        assertThat(in("ppc1", () -> nmg.check("unbinding", mobile, code))).isFalse();
        assertThat(in("ppc1", () -> other.check("binding", mobile, code))).isFalse();
        assertThatThrownBy(() -> in("ppc1", () -> {
            core.verify(mobile, "binding", code);
            return null;
        })).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("sms-code-invalid"));
        assertThat(in("ppc1", () -> nmg.check("binding", mobile, "000000".equals(code) ? "111111" : "000000"))).isFalse();
        assertThat(in("ppc1", () -> nmg.check("binding", mobile, code))).isTrue();
        assertThat(in("ppc1", () -> nmg.check("binding", mobile, code))).as("single use").isFalse();
    }

    @Test
    @DisplayName("the core's limits hold for a plugin's codes (429 rate-limited with the seconds to wait); a number that is not a "
            + "mainland mobile is 400 mobile-invalid")
    void limits() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ppc2", "neimenggu"));
        PhoneCodes nmg = hostServices.phoneCodes("neimenggu");
        String mobile = "13847100002";
        in("ppc2", () -> {
            nmg.send("binding", mobile);
            return null;
        });

        assertThatThrownBy(() -> in("ppc2", () -> {
            nmg.send("binding", mobile);
            return null;
        })).isInstanceOfSatisfying(PhoneCodeException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.code()).isEqualTo("rate-limited");
            assertThat(e.getMessage()).containsPattern("try again in \\d+ s");
        });
        in("ppc2", () -> {
            nmg.send("unbinding", mobile); // its own purpose, its own limit
            return null;
        });
        assertThatThrownBy(() -> in("ppc2", () -> {
            nmg.send("binding", "12345");
            return null;
        })).isInstanceOfSatisfying(PhoneCodeException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("mobile-invalid");
        });
    }
}
