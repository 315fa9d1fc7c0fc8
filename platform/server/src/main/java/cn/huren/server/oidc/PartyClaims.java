package cn.huren.server.oidc;

import cn.huren.server.session.PartySessions.PartyPrincipal;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * What a signed-in party's tokens say about it. Taken when the user authorizes a relying party
 * (the acting certificate is the one of that browser session), kept with the authorization as a
 * flat map of strings (Spring Authorization Server stores the principal as JSON and only reads
 * back types it trusts), and shaped into claims when the ID token is minted.
 *
 * <pre>
 * sub                  party-{id}: stable per party within the tenant (the issuer)
 * name                 the party's name
 * huren_tenant         js
 * huren_party          {id (string), type: ENTERPRISE|NATURAL_PERSON, uscc | resident_id, name}
 * huren_person         the certificate holder: {name, resident_id when the holder is a natural person}
 * huren_certificate    the acting certificate: {serial, fingerprint (SHA-256 hex), medium: TOKEN|MOBILE}
 * huren_delegations    delegations in force for this certificate: [] until delegation exists;
 *                      each will be {id, delegator: {type, uscc | resident_id, name}, scope, valid_until}
 * </pre>
 */
@Component
class PartyClaims {

    static final String SUBJECT_PREFIX = "party-";

    private final PartyRegistration parties;

    PartyClaims(PartyRegistration parties) {
        this.parties = parties;
    }

    static String subject(PartyPrincipal principal) {
        return SUBJECT_PREFIX + principal.partyId();
    }

    /** The facts kept with the authorization; the principal must speak for a registered party. */
    Map<String, String> facts(PartyPrincipal p) {
        PartyView party = parties.require(p.partyId());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("party_id", Long.toString(party.id()));
        facts.put("party_type", party.kind().name());
        facts.put("party_identifier", party.identifier());
        facts.put("party_name", party.name());
        facts.put("holder_kind", p.holderKind().name());
        facts.put("holder_identifier", p.holderIdentifier());
        facts.put("holder_name", p.holderName());
        facts.put("certificate_serial", p.certificateSerial());
        facts.put("certificate_fingerprint", p.certificateFingerprint());
        facts.put("medium", p.medium());
        return facts;
    }

    /** The claims of an ID token (and of userinfo) for the authorization's principal. */
    static Map<String, Object> claims(Authentication principal) {
        if (!(principal.getDetails() instanceof Map<?, ?> facts) || facts.get("party_id") == null) {
            return Map.of();
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("name", facts.get("party_name"));
        // strings and mutable JDK collections only: the claims are stored with the authorization as JSON and read back by an allowlist
        Map<String, Object> party = new LinkedHashMap<>();
        party.put("id", facts.get("party_id")); // a string: a Long would not come back through SAS's JSON allowlist
        party.put("type", facts.get("party_type"));
        party.put(identifierClaim(facts.get("party_type")), facts.get("party_identifier"));
        party.put("name", facts.get("party_name"));
        claims.put("huren_party", party);
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("name", facts.get("holder_name"));
        if (PartyKind.NATURAL_PERSON.name().equals(facts.get("holder_kind"))) {
            person.put("resident_id", facts.get("holder_identifier"));
        }
        claims.put("huren_person", person);
        Map<String, Object> certificate = new LinkedHashMap<>();
        certificate.put("serial", facts.get("certificate_serial"));
        certificate.put("fingerprint", facts.get("certificate_fingerprint"));
        if (facts.get("medium") != null) {
            certificate.put("medium", facts.get("medium"));
        }
        claims.put("huren_certificate", certificate);
        claims.put("huren_delegations", new ArrayList<>());
        return claims;
    }

    private static String identifierClaim(Object partyType) {
        return PartyKind.ENTERPRISE.name().equals(partyType) ? "uscc" : "resident_id";
    }
}
