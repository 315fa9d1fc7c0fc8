/**
 * The OpenID Connect provider of each tenant (Spring Authorization Server): issuer per tenant host,
 * authorization code with PKCE for relying parties, client credentials for the tenant's API clients,
 * signing keys per tenant, rotated and published as JWKS.
 */
package cn.huren.server.oidc;
