/**
 * Shared plumbing every module may use: problem+json errors and client errors, input validation, strict JSON,
 * token buckets, client-address keys, hashes and tokens, purges, {@code SecretBox} (AES-GCM), the signed provider
 * contracts ({@code HmacSignature}, {@code SignedGateway}, {@code SignatureCheck}, {@code ProviderChoice}), per-account
 * attempt limits ({@code AttemptLimit}), the clock and the order
 * of the security filter chains ({@link cn.huren.server.support.SecurityChainOrder}). Depends on no feature.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package cn.huren.server.support;
