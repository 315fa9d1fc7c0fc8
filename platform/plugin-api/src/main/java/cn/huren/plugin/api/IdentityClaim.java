package cn.huren.plugin.api;

import java.util.Objects;

/**
 * Who a person says they are: name and identity document, as typed, to be checked by a {@link RealNameVerifier}.
 * {@link #toString()} masks the number and leaves the name out, so logging a claim never logs either.
 */
public record IdentityClaim(String name, IdentityDocumentType documentType, String documentNumber) {

    public IdentityClaim {
        Objects.requireNonNull(documentType, "documentType");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a name is required");
        }
        if (documentNumber == null || documentNumber.isBlank()) {
            throw new IllegalArgumentException("a document number is required");
        }
    }

    /** {@code 1101**********002X} (18 characters) or {@code USA*********015} (15): birth date hidden. */
    public String maskedDocumentNumber() {
        String n = documentNumber;
        if (n.length() == 18) {
            return n.substring(0, 4) + "*".repeat(10) + n.substring(14);
        }
        return n.length() <= 6 ? "*".repeat(n.length()) : n.substring(0, 3) + "*".repeat(n.length() - 6) + n.substring(n.length() - 3);
    }

    @Override
    public String toString() {
        return "IdentityClaim[" + documentType + " " + maskedDocumentNumber() + "]";
    }
}
