package cn.huren.server.certificate;

import cn.huren.server.party.PartyKind;
import java.time.Instant;

/**
 * A certificate that passed every check for the current tenant, with the holder's identity as its
 * CA writes it: a USCC (enterprise) or an ID number (person).
 */
public record VerifiedCertificate(String serialNumber, String subject, String issuer, Instant notBefore, Instant notAfter,
                                  String signatureAlgorithm, String fingerprint, String caName, PartyKind holderKind,
                                  String holderIdentifier, String holderName) {
}
