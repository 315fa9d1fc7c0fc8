package cn.huren.server.democa;

import cn.huren.plugin.api.CaConnectorException;
import cn.huren.plugin.api.CaConnectorException.Reason;
import cn.huren.plugin.api.CertificateRequest;
import cn.huren.plugin.api.CertificateRequest.Holder;
import cn.huren.plugin.api.CertificateRequest.HolderKind;
import cn.huren.plugin.api.CertificateRequest.Profile;
import cn.huren.server.party.InvalidIdentifierException;
import cn.huren.server.party.ResidentId;
import cn.huren.server.party.Uscc;

/**
 * Who a demo certificate may be for: an enterprise by a valid USCC with the enterprise profile, a
 * person by a valid resident ID number as a personal or legal-representative certificate, and a
 * plain name. Normalises what it accepts (upper case, trimmed).
 */
final class Holders {

    private Holders() {
    }

    static CertificateRequest checked(CertificateRequest request) {
        Holder holder = request.holder();
        if (holder == null || holder.kind() == null) {
            throw invalid("holder", "the holder's kind is required: ENTERPRISE or PERSON");
        }
        String identifier;
        try {
            identifier = holder.kind() == HolderKind.ENTERPRISE ? Uscc.parse(holder.identifier()).value()
                    : ResidentId.parse(holder.identifier()).value();
        } catch (InvalidIdentifierException e) {
            throw invalid("holder-identifier", "identifier: " + e.getMessage() + " (rule " + e.rule() + ")");
        }
        String name = holder.name() == null ? "" : holder.name().strip();
        if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw invalid("holder-name", "name: the holder's name, 1 to 100 printable characters");
        }
        Profile profile = profile(holder.kind(), request.profile());
        if ((holder.kind() == HolderKind.ENTERPRISE) != (profile == Profile.ENTERPRISE)) {
            throw invalid("profile", "profile: an enterprise gets an ENTERPRISE certificate, a person a PERSONAL or "
                    + "LEGAL_REPRESENTATIVE one; " + holder.kind() + " with " + profile + " does not fit");
        }
        return new CertificateRequest(request.csr(), new Holder(holder.kind(), identifier, name), profile, request.reference());
    }

    /** The profile asked for, else the kind's usual one. */
    static Profile profile(HolderKind kind, Profile asked) {
        return asked != null ? asked : kind == HolderKind.ENTERPRISE ? Profile.ENTERPRISE : Profile.PERSONAL;
    }

    private static CaConnectorException invalid(String code, String message) {
        return new CaConnectorException(Reason.INVALID_REQUEST, code, message);
    }
}
