package cn.huren.server.session;

import cn.huren.server.session.PartySessions.PartyPrincipal;
import cn.huren.server.support.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Who may act in this request, and what for (X-05, JS-77, APP-29): the session's principal with the
 * state of its certificate's binding in its party, read once per request ({@link PartyAccesses}) and
 * handed to controllers as an argument. The API and the portal both decide here, and only here, what
 * "not registered", "not activated", "disabled" and "primary certificate required" mean. The acting
 * person and a delegation come next to the certificate; they will be fields of this value too.
 *
 * @param certificateBound   the session's certificate has an ACTIVE binding in its party (false without a party or certificate)
 * @param primaryCertificate that binding is the party's primary (主锁)
 * @param certificateDisabled that binding is disabled by the party's administrator (APP-29)
 */
public record PartyAccess(PartyPrincipal principal, boolean certificateBound, boolean primaryCertificate, boolean certificateDisabled) {

    /** The binding of a session's certificate as {@link PartyAccesses} reads it; implemented where bindings live. */
    public interface BindingLookup {

        /** The ACTIVE binding of this certificate in the party, if any. */
        java.util.Optional<ActiveBinding> activeBinding(long partyId, String fingerprint);
    }

    /** An ACTIVE binding: whether it is the party's primary, and whether it is disabled. */
    public record ActiveBinding(boolean primary, boolean disabled) {
    }

    /** Null until the holder registers (JS-02). */
    public Long partyId() {
        return principal.partyId();
    }

    /** Who the ledger names for what this session does. */
    public String actor() {
        return principal.actor();
    }

    /** Null for an identity session (苏服办). */
    public String certificateFingerprint() {
        return principal.certificateFingerprint();
    }

    public String certificateSerial() {
        return principal.certificateSerial();
    }

    /** Signed in by an identity provider (苏服办), not by a certificate: the person is the party itself (JS-10). */
    public boolean identitySession() {
        return principal.identitySession();
    }

    /** How the session was opened. */
    public Authentication authentication() {
        return principal.authentication();
    }

    /** The person's account, for a session opened by an account's password or SMS code; else null. */
    public Long accountId() {
        return principal.accountId();
    }

    /** Signed in to a person's account (password or SMS code), not by a certificate or an identity provider. */
    public boolean accountSession() {
        return principal.accountSession();
    }

    /** A member of its party (ROLE_PARTY, the portal's signed-in frame): an identity session, or a bound certificate, even a disabled one. */
    public boolean partyMember() {
        return identitySession() || partyId() != null && certificateBound;
    }

    /**
     * X-05, JS-77: the party whose data this session may read; refused without a registered party, an
     * activated certificate, or with a disabled one (APP-29; its sessions end when it is disabled, this
     * covers one opened in the same instant).
     */
    public long requireRead() {
        if (accountSession()) {
            throw certificateRequired();
        }
        if (partyId() == null) {
            throw ApiException.conflict("registration-required", "this certificate's holder is not registered yet: POST …/me/register");
        }
        if (identitySession()) {
            return partyId();
        }
        if (!certificateBound) {
            throw ApiException.conflict("activation-required", "this certificate is not activated for the party yet (证书激活)");
        }
        if (certificateDisabled) {
            throw disabled();
        }
        return partyId();
    }

    /** X-05, JS-77: as {@link #requireRead}, and only the party's primary certificate (or the person itself, JS-10) may change its data. */
    public long requireWrite() {
        long party = requireRead();
        if (!mayWrite()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "primary-certificate-required",
                    "only the party's primary certificate (主锁) may change its data; this one may read it");
        }
        return party;
    }

    /** Whether {@link #requireWrite} lets this session change its party's data (what a page offers); check {@link #requireRead} first. */
    public boolean mayWrite() {
        return identitySession() || primaryCertificate && !certificateDisabled;
    }

    /** JS-77: what an account session (password or SMS code) is told where the tenant wants a certificate. */
    public static ApiException certificateRequired() {
        return new ApiException(HttpStatus.FORBIDDEN, "certificate-required",
                "this needs a certificate login (USB key or mobile certificate); a password or SMS login does not reach it");
    }

    /** APP-29: what a disabled certificate's login and sessions are told. */
    public static ApiException disabled() {
        return new ApiException(HttpStatus.FORBIDDEN, "certificate-disabled",
                "this certificate was disabled by the party's administrator (主锁); ask the administrator to enable it again");
    }
}
