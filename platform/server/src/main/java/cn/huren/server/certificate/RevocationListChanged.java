package cn.huren.server.certificate;

/**
 * Published by a CA that runs inside Huren (the demo CA) once a revocation is committed: this node
 * forgets its copy of that trusted CA's CRL, so the next login here sees the revocation rather than
 * the one after the CRL's nextUpdate. Other nodes see it by nextUpdate.
 */
public record RevocationListChanged(String tenantCode, long trustedCaId) {
}
