package cn.huren.server.client;

import cn.huren.server.support.Hashes;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.Problems;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a trading system's signed request ({@link RequestSignature}) for the tenant the
 * request names. In this order, so that a refused request changes nothing: headers, timestamp within
 * ±300 s, the tenant's client (enabled), signature over the body, the client's rate limit, and last
 * the nonce, claimed once in PostgreSQL. A request without any of the headers goes on unauthenticated
 * and is answered 401 by the chain.
 */
class SignedRequestFilter extends OncePerRequestFilter {

    static final String CLIENT = "X-Huren-Client";
    static final String TIMESTAMP = "X-Huren-Timestamp";
    static final String NONCE = "X-Huren-Nonce";
    static final String SIGNATURE = "X-Huren-Signature";
    static final List<String> HEADERS = List.of(CLIENT, TIMESTAMP, NONCE, SIGNATURE);
    static final Duration MAX_SKEW = Duration.ofSeconds(300);
    static final int MAX_BODY = 1024 * 1024;
    private static final java.util.regex.Pattern TIMESTAMP_FORMAT = java.util.regex.Pattern.compile("\\d{1,12}");
    private static final java.util.regex.Pattern NONCE_FORMAT = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private final ApiClients clients;
    private final Clock clock;
    private final Nonces nonces;
    private final RateLimits rateLimits;

    SignedRequestFilter(ApiClients clients, Nonces nonces, RateLimits rateLimits, Clock clock) {
        this.clock = clock;
        this.clients = clients;
        this.nonces = nonces;
        this.rateLimits = rateLimits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (HEADERS.stream().allMatch(h -> request.getHeader(h) == null) || TenantContext.current().isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Signed signed;
        try {
            signed = verify(request, TenantContext.require());
        } catch (ApiException e) {
            refuse(response, e, ClientApiSecurity.CHALLENGE);
            return;
        }
        signIn(signed.principal());
        chain.doFilter(signed.request(), response);
    }

    /** A verified request: its body read (and served again), and the client it speaks for with all of the client's scopes. */
    record Signed(CachedBodyRequest request, ClientPrincipal principal) {
    }

    /** A refused request (signed or bearer): problem+json, with Retry-After (see Problems) or the scheme's challenge. */
    static void refuse(HttpServletResponse response, ApiException e, String challenge) throws IOException {
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        Problems.write(response, e);
    }

    /** Every check of a signed request, in the order the class names; the nonce is claimed last. */
    Signed verify(HttpServletRequest request, TenantDescriptor tenant) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String h : HEADERS) {
            if (request.getHeader(h) == null || request.getHeader(h).isBlank()) {
                missing.add(h);
            }
        }
        if (!missing.isEmpty()) {
            throw refused("unauthenticated", "a signed request carries " + String.join(", ", HEADERS) + "; missing: "
                    + String.join(", ", missing));
        }
        String timestamp = request.getHeader(TIMESTAMP).strip();
        String nonce = request.getHeader(NONCE).strip();
        if (!TIMESTAMP_FORMAT.matcher(timestamp).matches()) {
            throw refused("unauthenticated", TIMESTAMP + " must be the time in epoch seconds");
        }
        if (!NONCE_FORMAT.matcher(nonce).matches()) {
            throw refused("unauthenticated", NONCE + " must be 16 to 64 characters of A-Z, a-z, 0-9, '_' and '-', new for every request");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            throw refused("timestamp-stale", "the request was signed at " + signedAt + "; the server's time is " + now
                    + " and accepts at most " + MAX_SKEW.toSeconds() + " s difference");
        }
        String clientId = request.getHeader(CLIENT).strip();
        ApiClients.ActiveClient client = clients.forRequest(clientId)
                .orElseThrow(() -> refused("client-unknown", "the tenant " + tenant.code() + " has no API client "
                        + (clientId.length() > 64 ? clientId.substring(0, 64) + "…" : clientId)));
        if (!client.enabled()) {
            throw refused("client-disabled", "the API client " + clientId + " is disabled");
        }
        CachedBodyRequest body = CachedBodyRequest.read(request, MAX_BODY).orElseThrow(() -> new ApiException(
                HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "a request body has at most " + MAX_BODY + " bytes"));
        String canonical = RequestSignature.canonical(request.getMethod(), request.getRequestURI(), request.getQueryString(),
                Hashes.sha256Hex(body.body()), timestamp, nonce);
        if (!RequestSignature.matches(RequestSignature.hmac(client.key(), canonical), base64(request.getHeader(SIGNATURE)))) {
            throw refused("signature-invalid", "the signature does not match this request: sign METHOD, PATH, QUERY, "
                    + "SHA-256 hex of the body, TIMESTAMP and NONCE, one per line, with HMAC-SHA256 and the client's secret");
        }
        rateLimits.acquire(tenant.code(), client);
        if (!nonces.claim(clientId, nonce, signedAt.plus(MAX_SKEW).plusSeconds(1))) {
            throw refused("nonce-replayed", "this nonce was already used by client " + clientId + "; every request needs a new one");
        }
        return new Signed(body, principal(tenant.code(), client, client.scopes()));
    }

    /** The client with these scopes (a signed request: all of the client's; a token: those granted). */
    static ClientPrincipal principal(String tenant, ApiClients.ActiveClient client, Set<Scope> scopes) {
        return new ClientPrincipal(tenant, client.id(), client.name(), scopes);
    }

    /** The request acts as this client, with its scopes as authorities. */
    static void signIn(ClientPrincipal principal) {
        List<SimpleGrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_API_CLIENT")));
        principal.scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority(s.authority())));
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(principal, null, authorities));
    }

    private static byte[] base64(String signature) {
        try {
            return Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static ApiException refused(String kind, String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, kind, detail);
    }
}
