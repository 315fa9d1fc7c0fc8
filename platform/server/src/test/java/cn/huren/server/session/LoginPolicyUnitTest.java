package cn.huren.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.party.PartyKind;
import cn.huren.server.session.LoginPolicy.Capability;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import cn.huren.server.support.ApiException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The policy's settings, and what {@link PartyAccess} decides with a policy, without a server. */
class LoginPolicyUnitTest {

    static final LoginPolicy OPEN = LoginPolicy.parse(Map.of(
            "core.loginPolicy.registryRead", "certificate,identity-provider,password,sms",
            "core.loginPolicy.registryWrite", "certificate,identity-provider,password"));

    static PartyPrincipal certificate(Long party) {
        return new PartyPrincipal("h", PartyKind.ENTERPRISE, "91350100M000100Y43", "x", party, "f".repeat(64), "01", "TOKEN", null, null, null);
    }

    static PartyPrincipal identity(Long party) {
        return new PartyPrincipal("h", PartyKind.NATURAL_PERSON, "110101199003070011", "x", party, null, null, null, null, "sufuban", null);
    }

    static PartyPrincipal account(Long party, String method) {
        return new PartyPrincipal("h", PartyKind.NATURAL_PERSON, null, null, party, null, null, null, null, method, 7L);
    }

    static String problem(Runnable r) {
        try {
            r.run();
            return "none";
        } catch (ApiException e) {
            return e.kind();
        }
    }

    @Test
    @DisplayName("the default: certificates and identity providers on the registry, certificates only on the trading systems, accounts nowhere")
    void defaults() {
        LoginPolicy p = LoginPolicy.parse(Map.of("core.sms.signName", "x"));
        assertThat(p).isEqualTo(LoginPolicy.DEFAULT);
        for (Capability c : Capability.values()) {
            assertThat(p.allows(c, Authentication.CERTIFICATE)).isTrue();
            assertThat(p.allows(c, Authentication.PASSWORD)).isFalse();
            assertThat(p.allows(c, Authentication.SMS_CODE)).isFalse();
        }
        assertThat(p.allows(Capability.REGISTRY_WRITE, Authentication.IDENTITY_PROVIDER)).isTrue();
        assertThat(p.allows(Capability.TRADING_SYSTEMS, Authentication.IDENTITY_PROVIDER)).isFalse();
        assertThat(LoginPolicy.format(p.of(Capability.REGISTRY_READ))).isEqualTo("certificate,identity-provider");
    }

    @Test
    @DisplayName("settings are parsed leniently on spaces and case, and every problem is reported with its field")
    void parsing() {
        assertThat(OPEN.allows(Capability.REGISTRY_WRITE, Authentication.SMS_CODE)).isFalse();
        assertThat(LoginPolicy.parse(Map.of("core.loginPolicy.registryRead", " Certificate , PASSWORD ,identity-provider"))
                .of(Capability.REGISTRY_READ)).containsExactlyInAnyOrder(Authentication.CERTIFICATE, Authentication.PASSWORD, Authentication.IDENTITY_PROVIDER);
        assertThatThrownBy(() -> LoginPolicy.parse(Map.of(
                "core.loginPolicy.registryRead", "sms",
                "core.loginPolicy.tradingSystems", "certificate,sms,usb")))
                .isInstanceOfSatisfying(LoginPolicy.Invalid.class, e -> assertThat(e.errors()).extracting(ApiException.FieldError::field)
                        .containsExactlyInAnyOrder("config.core.loginPolicy.registryRead", "config.core.loginPolicy.tradingSystems"));
        assertThatThrownBy(() -> LoginPolicy.parse(Map.of("core.loginPolicy.registryWrite", "certificate,password")))
                .isInstanceOfSatisfying(LoginPolicy.Invalid.class, e -> assertThat(e.errors()).extracting(ApiException.FieldError::field)
                        .containsExactly("config.core.loginPolicy.registryWrite"));
    }

    @Test
    @DisplayName("JS-10: under the default an account is refused with certificate-required, an identity session reads and writes its person, "
            + "a certificate as its binding allows")
    void defaultAccess() {
        PartyAccess password = new PartyAccess(account(5L, "password"), false, false, false, LoginPolicy.DEFAULT);
        assertThat(problem(password::requireRead)).isEqualTo("certificate-required");
        assertThat(problem(password::requireWrite)).isEqualTo("certificate-required");
        assertThat(password.mayWrite()).isFalse();
        assertThat(password.partyMember()).isFalse();
        assertThat(password.personSession()).isFalse();

        PartyAccess sufuban = new PartyAccess(identity(5L), false, false, false, LoginPolicy.DEFAULT);
        assertThat(sufuban.requireWrite()).isEqualTo(5L);
        assertThat(sufuban.partyMember()).isTrue();
        assertThat(sufuban.mayUseTradingSystems()).isFalse();

        PartyAccess second = new PartyAccess(certificate(9L), true, false, false, LoginPolicy.DEFAULT);
        assertThat(second.requireRead()).isEqualTo(9L);
        assertThat(problem(second::requireWrite)).isEqualTo("primary-certificate-required");
        assertThat(second.mayUseTradingSystems()).isTrue();
        assertThat(problem(new PartyAccess(certificate(9L), false, false, false, OPEN)::requireRead)).isEqualTo("activation-required");
    }

    @Test
    @DisplayName("an open policy: a verified account acts for its person as the policy says per method; an unverified one is told to verify")
    void openAccess() {
        PartyAccess password = new PartyAccess(account(5L, "password"), false, false, false, OPEN);
        assertThat(password.requireWrite()).isEqualTo(5L);
        assertThat(password.partyMember()).isTrue();
        assertThat(password.mayUseTradingSystems()).isFalse();
        PartyAccess sms = new PartyAccess(account(5L, "sms"), false, false, false, OPEN);
        assertThat(sms.requireRead()).isEqualTo(5L);
        assertThat(sms.mayWrite()).isFalse();
        assertThat(problem(sms::requireWrite)).isEqualTo("certificate-required");
        PartyAccess unverified = new PartyAccess(account(null, "password"), false, false, false, OPEN);
        assertThat(problem(unverified::requireRead)).isEqualTo("real-name-required");
        assertThat(unverified.partyMember()).isFalse();
    }
}
