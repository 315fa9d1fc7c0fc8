package cn.huren.server.session;

import cn.huren.server.session.PartySessions.PartyPrincipal;
import cn.huren.server.support.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Who may act in this request, and what for (X-05, JS-77, APP-29): the session's principal with the
 * state of its certificate's binding in its party, read once per request ({@link PartyAccesses}), and
 * the tenant's {@link LoginPolicy} (what each way of signing in reaches), handed to controllers as an
 * argument. The API and the portal both decide here, and only here, what "not registered", "not
 * activated", "disabled", "primary certificate required" and "certificate required" mean.
 *
 * <p>Three kinds of session, never confused: a certificate's (its binding decides), a person's own
 * without a certificate (an identity provider such as 苏服办, JS-10, or an account's password or SMS
 * code once real-name verified: the session's party is then that NATURAL_PERSON, never an enterprise),
 * and a session the policy keeps off the registry. "No certificate" never means "identity session".
 *
 * @param certificateBound   the session's certificate has an ACTIVE binding in its party (false without a party or certificate)
 * @param primaryCertificate that binding is the party's primary (主锁)
 * @param certificateDisabled that binding is disabled by the party's administrator (APP-29)
 * @param policy             the tenant's login policy, as cached for the request's tenant
 */
public record PartyAccess(PartyPrincipal principal, boolean certificateBound, boolean primaryCertificate, boolean certificateDisabled,
                          LoginPolicy policy) {

    /** Under the {@link LoginPolicy#DEFAULT} policy. */
    public PartyAccess(PartyPrincipal principal, boolean certificateBound, boolean primaryCertificate, boolean certificateDisabled) {
        this(principal, certificateBound, primaryCertificate, certificateDisabled, LoginPolicy.DEFAULT);
    }

    /** The binding of a session's certificate as {@link PartyAccesses} reads it; implemented where bindings live. */
    public interface BindingLookup {

        /** The ACTIVE binding of this certificate in the party, if any. */
        java.util.Optional<ActiveBinding> activeBinding(long partyId, String fingerprint);
    }

    /** An ACTIVE binding: whether it is the party's primary, and whether it is disabled. */
    public record ActiveBinding(boolean primary, boolean disabled) {
    }

    /** Null until the holder registers (JS-02), and for an account until it is real-name verified. */
    public Long partyId() {
        return principal.partyId();
    }

    /** Who the ledger names for what this session does. */
    public String actor() {
        return principal.actor();
    }

    /** Null for a session without a certificate (identity provider, account). */
    public String certificateFingerprint() {
        return principal.certificateFingerprint();
    }

    public String certificateSerial() {
        return principal.certificateSerial();
    }

    /** Signed in by an identity provider (苏服办), not by a certificate nor an account: the person is the party itself (JS-10). */
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

    /** Whether the tenant's login policy lets this way of signing in reach {@code capability} at all. */
    public boolean allows(LoginPolicy.Capability capability) {
        return policy.allows(capability, authentication());
    }

    /**
     * The person itself acts for its own party, without a certificate: an identity session (JS-10), or a
     * real-name-verified account's (its party is its NATURAL_PERSON), in both cases only where the
     * tenant's policy lets that way of signing in reach the registry.
     */
    public boolean personSession() {
        return certificateFingerprint() == null && partyId() != null && (identitySession() || accountSession())
                && allows(LoginPolicy.Capability.REGISTRY_READ);
    }

    /** A member of its party (ROLE_PARTY, the portal's signed-in frame): a bound certificate, even a disabled one, or a {@link #personSession}. */
    public boolean partyMember() {
        if (certificateFingerprint() != null) {
            return partyId() != null && certificateBound && allows(LoginPolicy.Capability.REGISTRY_READ);
        }
        return personSession();
    }

    /** The trading systems (OIDC) take this session (JS-14: by default a certificate's, bound to its registered party). */
    public boolean mayUseTradingSystems() {
        return allows(LoginPolicy.Capability.TRADING_SYSTEMS) && partyMember();
    }

    /**
     * X-05, JS-77: the party whose data this session may read; refused where the tenant's login policy
     * keeps this way of signing in off the registry (403 certificate-required), to an account not yet
     * real-name verified, without a registered party, an activated certificate, or with a disabled one
     * (APP-29; its sessions end when it is disabled, this covers one opened in the same instant).
     */
    public long requireRead() {
        if (!allows(LoginPolicy.Capability.REGISTRY_READ)) {
            throw certificateRequired(authentication());
        }
        if (accountSession() && partyId() == null) {
            throw realNameRequired();
        }
        if (partyId() == null) {
            throw ApiException.conflict("registration-required", "this certificate's holder is not registered yet: POST …/me/register");
        }
        if (certificateFingerprint() == null) {
            return partyId(); // the person itself: its identity session's or its verified account's own party
        }
        if (!certificateBound) {
            throw ApiException.conflict("activation-required", "this certificate is not activated for the party yet (证书激活)");
        }
        if (certificateDisabled) {
            throw disabled();
        }
        return partyId();
    }

    /** X-05, JS-77: as {@link #requireRead}, where the policy lets this way of signing in write, and among certificates only the party's primary. */
    public long requireWrite() {
        long party = requireRead();
        if (!allows(LoginPolicy.Capability.REGISTRY_WRITE)) {
            throw certificateRequired(authentication());
        }
        if (!mayWrite()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "primary-certificate-required",
                    "only the party's primary certificate (主锁) may change its data; this one may read it");
        }
        return party;
    }

    /**
     * What a certificate's holder does to its certificates (seals, …): as {@link #requireWrite}, and never from an account
     * session, whatever the tenant lets accounts write: a password or an SMS code does not administer certificates.
     */
    public long requireCertificateAdministration() {
        if (accountSession()) {
            throw certificateRequired(authentication());
        }
        return requireWrite();
    }

    /**
     * APP-08: the party a certificate application is made for. A real-name-verified account applies for its own
     * person's personal certificate whatever the tenant lets accounts do on the registry (an application is not a
     * registry change, and the certificate it yields is what the policy asks for); everyone else as {@link #requireWrite}
     * ({@code write}) or {@link #requireRead}.
     */
    public long requireApplicant(boolean write) {
        if (accountSession()) {
            if (partyId() == null) {
                throw realNameRequired();
            }
            return partyId();
        }
        return write ? requireWrite() : requireRead();
    }

    /** Whether {@link #requireWrite} lets this session change its party's data (what a page offers); check {@link #requireRead} first. */
    public boolean mayWrite() {
        if (partyId() == null || !allows(LoginPolicy.Capability.REGISTRY_WRITE)) {
            return false;
        }
        if (certificateFingerprint() == null) {
            return personSession();
        }
        return primaryCertificate && !certificateDisabled;
    }

    /** What a session is told where the tenant's login policy wants a certificate (or an identity provider) instead. */
    public static ApiException certificateRequired(Authentication authentication) {
        return new ApiException(HttpStatus.FORBIDDEN, "certificate-required",
                "this needs a certificate login (USB key or mobile certificate); this portal's login policy does not let a "
                        + authentication.method() + " login reach it");
    }

    /** An account not yet real-name verified has no person, hence no party to act for (APP-06). */
    public static ApiException realNameRequired() {
        return new ApiException(HttpStatus.FORBIDDEN, "real-name-required",
                "verify the account's real name first (实名认证): until then it speaks for no one");
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
