package cn.huren.server.party;

import cn.huren.server.party.IdentityDocument.DocumentType;
import java.util.Objects;

/**
 * Who a login method or a real-name check verified (certificate, 苏服办, 实名认证, …): a USCC for an enterprise, an
 * identity document for a person, and the name from that authority, which the party cannot change afterwards.
 *
 * @param verifiedBy   the login method or check that verified it, e.g. {@code ukey}, {@code sufuban}, {@code realname:cfca}
 * @param documentType a person's identity document type (null for an enterprise); when the caller does not say (a
 *                     certificate's identifier, 苏服办's resident ID), it is told from the number's shape
 */
public record VerifiedIdentity(PartyKind kind, String identifier, String name, String verifiedBy, DocumentType documentType) {

    public VerifiedIdentity {
        Objects.requireNonNull(kind, "kind");
        if (kind == PartyKind.ENTERPRISE) {
            if (documentType != null) {
                throw new IllegalArgumentException("an enterprise has a USCC, not an identity document");
            }
            identifier = Uscc.parse(identifier).value();
        } else if (documentType != null) {
            identifier = IdentityDocument.parse(documentType, identifier).value();
        } else {
            IdentityDocument document = detected(identifier);
            documentType = document.type();
            identifier = document.value();
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a verified identity needs a name of at most 200 characters");
        }
        name = name.strip();
        Objects.requireNonNull(verifiedBy, "verifiedBy");
    }

    /** A verified identity whose document type, for a person, is told from the number. */
    public VerifiedIdentity(PartyKind kind, String identifier, String name, String verifiedBy) {
        this(kind, identifier, name, verifiedBy, null);
    }

    /** A person's verified identity document. */
    public static VerifiedIdentity person(IdentityDocument document, String name, String verifiedBy) {
        return new VerifiedIdentity(PartyKind.NATURAL_PERSON, document.value(), name, verifiedBy, document.type());
    }

    /**
     * The type from the number's shape; a number {@link ResidentId} has always accepted (e.g. a 71… resident ID on an
     * older certificate) stays a resident ID, so no holder who could register before is refused now.
     */
    private static IdentityDocument detected(String identifier) {
        try {
            return IdentityDocument.detect(identifier);
        } catch (InvalidIdentifierException e) {
            return IdentityDocument.residentIdAsIs(ResidentId.parse(identifier).value());
        }
    }
}
