package cn.huren.server.client;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.Problems;
import cn.huren.server.support.SecurityHeaders;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantRequests;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The two reads trading systems make most, a party by its identifier and a party's records usable
 * in bidding, answered first thing when they come signed (HMAC): as for a certificate login
 * ({@code LoginApiFilter}), observation, session, the security filter chain, handler mapping and
 * message conversion cost more than the read itself. Every check stays: the tenant's state, the
 * whole signature check with its nonce claimed once in PostgreSQL ({@link SignedRequestFilter#verify}),
 * the client's rate limit and the endpoint's scope. The answers and problems are those of
 * {@link RegistryV1Controller}, which does the work and documents the API; everything else (bearer
 * tokens, other methods, encoded or unusual paths and parameters) takes the ordinary way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // behind ClientInputFilter, which is in front of every filter
class V1ReadFilter implements Filter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(V1ReadFilter.class);

    /** Raw (undecoded) URIs only. */
    private static final Pattern HOT = Pattern.compile("^/api/t/[a-z0-9-]{1,32}/v1/parties(?:/([0-9]{1,18})/records/([a-z-]{1,40}))?$");
    private static final Pattern IDENTIFIER = Pattern.compile("^(uscc|residentId)=([0-9A-Za-z]{1,18})$");

    private final TenantRequests tenants;
    private final SignedRequestFilter signed;
    private final RegistryV1Controller registry;
    // built once: ObjectMapper.writeValue looks the type's serializer up on every call
    private final ObjectWriter party;
    private final ObjectWriter records;
    private final ObjectWriter problem;
    // the scopes the controller declares, so this path cannot drift from the ordinary one
    private final Scope lookupScope = declared("party", String.class, String.class);
    private final Scope listScope = declared("records", long.class, String.class);

    V1ReadFilter(TenantRequests tenants, ApiClients clients, Nonces nonces, RateLimits rateLimits, RegistryV1Controller registry,
                 ObjectMapper json, Clock clock) {
        this.tenants = tenants;
        this.signed = new SignedRequestFilter(clients, nonces, rateLimits, clock);
        this.registry = registry;
        this.party = json.writerFor(V1Views.Party.class);
        this.records = json.writerFor(json.getTypeFactory().constructCollectionType(List.class, V1Views.BiddingRecord.class));
        this.problem = json.writerFor(ProblemDetail.class);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        Matcher hot = hot(request);
        Matcher identifier = hot == null ? null : IDENTIFIER.matcher(request.getQueryString() == null ? "" : request.getQueryString());
        boolean lookup = hot != null && hot.group(1) == null;
        if (hot == null || (lookup ? !identifier.matches() : request.getQueryString() != null)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        SecurityHeaders.write(response);
        if (request.isSecure()) {
            // as Spring Security's header writer adds it on the ordinary path
            response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
        try {
            TenantDescriptor tenant = tenants.resolve(request, request.getRequestURI()).orElseThrow();
            tenants.requireServable(tenant);
            TenantContext.runAs(tenant, () -> answer(request, response, tenant, lookup, hot, identifier));
        } catch (ApiException e) {
            Problems.write(response, e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            // as ProblemHandler answers what nobody expected: logged, and problem+json 500 without details
            log.error("unexpected error", e);
            if (!response.isCommitted()) {
                response.reset();
                SecurityHeaders.write(response);
                refuse(request, response, new ApiException(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                        "an unexpected error occurred; it has been logged"));
            }
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, TenantDescriptor tenant, boolean lookup, Matcher hot,
                        Matcher identifier) {
        try {
            SignedRequestFilter.Signed verified;
            try {
                verified = signed.verify(request, tenant);
            } catch (ApiException e) {
                SignedRequestFilter.refuse(response, e, ClientApiSecurity.CHALLENGE);
                return;
            }
            try {
                ScopeCheck.require(verified.principal(), lookup ? lookupScope : listScope);
                byte[] body = lookup
                        ? party.writeValueAsBytes(registry.party(identifier.group(1).equals("uscc") ? identifier.group(2) : null,
                                identifier.group(1).equals("residentId") ? identifier.group(2) : null))
                        : records.writeValueAsBytes(registry.records(Long.parseLong(hot.group(1)), hot.group(2)));
                response.setStatus(200);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            } catch (ApiException e) {
                refuse(request, response, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Scope declared(String method, Class<?>... parameters) {
        try {
            return RegistryV1Controller.class.getDeclaredMethod(method, parameters).getAnnotation(RequiresScope.class).value();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("RegistryV1Controller." + method + " moved: the v1 fast path must follow it", e);
        }
    }

    /** A signed GET of one of the two paths, or null. */
    private static Matcher hot(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !"GET".equals(request.getMethod())
                || request.getHeader(SignedRequestFilter.CLIENT) == null || request.getHeader("Authorization") != null
                || !noBodyType(request.getContentType()) || !request.getContextPath().isEmpty()) {
            return null;
        }
        Matcher m = HOT.matcher(request.getRequestURI());
        return m.matches() ? m : null;
    }

    /** Many clients name JSON on every request; any other type (or a charset) takes the ordinary way, which checks it. */
    private static boolean noBodyType(String type) {
        return type == null || type.equals(MediaType.APPLICATION_JSON_VALUE);
    }

    /** As MVC answers the controller's problems ({@code ProblemHandler}): problem+json naming the request as its instance. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, ApiException e) throws IOException {
        ProblemDetail detail = Problems.of(e.status(), e.kind(), e.getMessage(), e.errors());
        detail.setInstance(URI.create(request.getRequestURI()));
        e.retryAfterSeconds().ifPresent(seconds -> response.setHeader("Retry-After", Long.toString(seconds)));
        byte[] body = problem.writeValueAsBytes(detail);
        response.setStatus(e.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
