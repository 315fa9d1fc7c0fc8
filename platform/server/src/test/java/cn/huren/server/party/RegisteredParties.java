package cn.huren.server.party;

import static cn.huren.server.party.ExpectedVersion.ANY;

import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import java.util.Set;

/** Test fixture: an enterprise registered with its basic information complete (JS-07), ready to keep records. */
public final class RegisteredParties {

    private RegisteredParties() {
    }

    /** A valid USCC (GB 32100) whose body ends in the given digits, so each test has its own. */
    public static String uscc(int n) {
        String body = String.format("91320100MA%07d", n);
        return body + Uscc.checkCharacter(body);
    }

    public static long enterprise(PartyRegistration parties, TenantDescriptor tenant, String uscc, String name) {
        return TenantContext.callAs(tenant, () -> {
            long party = parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, uscc, name, "ukey")).id();
            parties.maintainBasicInfo(party, ANY, new PartyRegistration.BasicInfo(Set.of(PartyRole.BIDDER), "王五", "南京市", "李四",
                    "13800138000", null), "p");
            return party;
        });
    }
}
