package cn.huren.plugin.api;

/** Why a certificate is revoked (the RFC 5280 reasons a holder or operator gives). */
public enum RevocationReason {
    UNSPECIFIED, KEY_COMPROMISE, AFFILIATION_CHANGED, SUPERSEDED, CESSATION_OF_OPERATION
}
