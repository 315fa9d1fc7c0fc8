package cn.huren.server.party;

import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import java.util.Set;

/** Test fixture: an enterprise registered with its basic information complete (JS-07), ready to keep records. */
public final class RegisteredParties {

    private RegisteredParties() {
    }

    public static long enterprise(PartyRegistration parties, TenantDescriptor tenant, String uscc, String name) {
        return TenantContext.callAs(tenant, () -> {
            long party = parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, uscc, name, "ukey")).id();
            parties.maintainBasicInfo(party, new PartyRegistration.BasicInfo(Set.of(PartyRole.BIDDER), "王五", "南京市", "李四",
                    "13800138000", null), "p");
            return party;
        });
    }
}
