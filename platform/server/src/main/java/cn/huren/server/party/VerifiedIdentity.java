package cn.huren.server.party;

import java.util.Objects;

/**
 * Who a login method verified (certificate, 苏服办, …): a USCC for an enterprise, an ID number for
 * a person, and the name from that authority, which the party cannot change afterwards.
 *
 * @param verifiedBy the login method that verified it, e.g. {@code ukey} or {@code sufuban}
 */
public record VerifiedIdentity(PartyKind kind, String identifier, String name, String verifiedBy) {

    public VerifiedIdentity {
        Objects.requireNonNull(kind, "kind");
        identifier = kind == PartyKind.ENTERPRISE ? Uscc.parse(identifier).value() : ResidentId.parse(identifier).value();
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a verified identity needs a name of at most 200 characters");
        }
        name = name.strip();
        Objects.requireNonNull(verifiedBy, "verifiedBy");
    }
}
