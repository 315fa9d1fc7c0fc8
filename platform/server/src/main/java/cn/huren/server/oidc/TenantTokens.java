package cn.huren.server.oidc;

import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.util.Optional;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signing and verifying for the tenant bound to the thread: JWKS with every published key of that
 * tenant, signing with its active key only, and a decoder that accepts a token only when the
 * tenant's own keys verify it and its issuer is one of the tenant's hosts. Keys are never looked up
 * in another tenant's schema, so a token of one tenant fails on another.
 */
final class TenantTokens {

    private TenantTokens() {
    }

    /** Every key a verifier of the current tenant may meet (the JWKS endpoint shows their public parts). */
    static JWKSource<SecurityContext> published(SigningKeys keys) {
        return (selector, context) -> selector.select(new JWKSet(keys.current().published()));
    }

    /** Signs with the current tenant's active key; the key id goes into the header. */
    static JwtEncoder encoder(SigningKeys keys) {
        return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.current().active())));
    }

    static JwtDecoder decoder(SigningKeys keys, TenantDirectory tenants) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, published(keys)));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // Spring's validators below check the claims
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), issuedHere(tenants)));
        return decoder;
    }

    /** The issuer is http(s)://{one of the tenant's hosts}[:port], the form the provider derives from the request. */
    private static OAuth2TokenValidator<Jwt> issuedHere(TenantDirectory tenants) {
        return jwt -> {
            TenantDescriptor tenant = TenantContext.require();
            Optional<TenantDescriptor> issuer = issuerHost(jwt.getClaimAsString("iss")).flatMap(tenants::byHost);
            return issuer.filter(t -> t.code().equals(tenant.code())).isPresent() ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                    "the token was not issued by the provider of tenant " + tenant.code(), null));
        };
    }

    private static Optional<String> issuerHost(String iss) {
        try {
            URI uri = URI.create(iss == null ? "" : iss);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            return web && bare && uri.getHost() != null && uri.getRawQuery() == null ? Optional.of(uri.getHost()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
