package cn.huren.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.party.PartyKind;
import cn.huren.server.session.LoginPolicy;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Where the portal's /login/next sends a session: never in a loop through pages its roles do not reach. */
class AccountsNextTest {

    static final LoginPolicy OPEN = LoginPolicy.parse(Map.of(
            "core.loginPolicy.registryRead", "certificate,identity-provider,password,sms"));

    final Accounts accounts = new Accounts(null, null, null, null);

    static PartyAccess account(Long party, LoginPolicy policy) {
        return new PartyAccess(new PartyPrincipal("h", PartyKind.NATURAL_PERSON, null, null, party, null, null, null, null, "password", 3L),
                false, false, false, policy);
    }

    static PartyAccess certificate(Long party, boolean bound) {
        return new PartyAccess(new PartyPrincipal("h", PartyKind.ENTERPRISE, "91350100M000100Y43", "x", party, "f".repeat(64), "01", "TOKEN",
                null, null, null), bound, bound, false, LoginPolicy.DEFAULT);
    }

    @Test
    @DisplayName("an account goes to its own pages unless the policy lets its verified person into the registry; certificates as before")
    void next() {
        assertThat(accounts.next(account(5L, LoginPolicy.DEFAULT))).isEqualTo(Accounts.Next.ACCOUNT);
        assertThat(accounts.next(account(null, OPEN))).isEqualTo(Accounts.Next.ACCOUNT);
        assertThat(accounts.next(account(5L, OPEN))).isEqualTo(Accounts.Next.READY);
        assertThat(accounts.next(certificate(null, false))).isEqualTo(Accounts.Next.REGISTER);
        assertThat(accounts.next(certificate(7L, false))).isEqualTo(Accounts.Next.ACTIVATE);
        assertThat(accounts.next(certificate(7L, true))).isEqualTo(Accounts.Next.READY);
    }
}
