package cn.huren.server.login;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.Problems;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantRequests;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The two requests of every certificate login, asking for a challenge and answering it, answered
 * first thing: a login's own work (a cached certificate check, one verify, one statement) is smaller
 * than what observation, session, security and handler mapping cost per request, so these skip
 * them. Same contract, same answers and problems as {@link LoginController}, which documents the API
 * and serves everything this passes on (other methods, non-JSON bodies, unusual paths). Nothing here
 * reads a cookie or a security context, as on the login API's lean security chain.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // behind ClientInputFilter, which is in front of every filter
class LoginApiFilter implements Filter {

    /** Raw (undecoded) URIs only: anything encoded, or with parameters, takes the ordinary way. */
    private static final Pattern HOT = Pattern.compile("^/api/t/[a-z0-9-]{1,32}/login/challenges(?:/([0-9a-f-]{36})/response)?$");
    private static final int MAX_BODY = 96 * 1024;

    private final CertificateLogin login;
    private final TenantRequests tenants;
    // built once: ObjectMapper.readValue/writeValue look the type's (de)serializer up on every call
    private final ObjectReader challengeRequest;
    private final ObjectReader challengeResponse;
    private final ObjectWriter challenge;
    private final ObjectWriter result;

    LoginApiFilter(CertificateLogin login, TenantRequests tenants, ObjectMapper json) {
        this.login = login;
        this.tenants = tenants;
        this.challengeRequest = json.readerFor(LoginController.ChallengeRequest.class);
        this.challengeResponse = json.readerFor(LoginController.ChallengeResponse.class);
        this.challenge = json.writerFor(CertificateLogin.Challenge.class);
        this.result = json.writerFor(CertificateLogin.LoginResult.class);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        Matcher hot = request.getDispatcherType() == DispatcherType.REQUEST && "POST".equals(request.getMethod())
                && request.getQueryString() == null && jsonOrEmpty(request) ? HOT.matcher(request.getRequestURI()) : null;
        if (hot == null || !hot.matches() || !request.getContextPath().isEmpty()) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        try {
            TenantDescriptor tenant = tenants.resolve(request, request.getRequestURI()).orElseThrow();
            tenants.requireServable(tenant);
            byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "the request body is larger than " + MAX_BODY + " bytes");
            }
            String challengeId = hot.group(1);
            byte[] answer = TenantContext.callAs(tenant, () -> challengeId == null
                    ? bytes(challenge, issue(body)) : bytes(result, respond(challengeId, body, request.getRemoteAddr())));
            response.setStatus(challengeId == null ? HttpStatus.CREATED.value() : HttpStatus.OK.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(answer.length);
            response.getOutputStream().write(answer);
        } catch (ApiException e) {
            Problems.write(response, e);
        }
    }

    private CertificateLogin.Challenge issue(byte[] body) {
        LoginController.ChallengeRequest asked = body.length == 0 ? null : read(body, challengeRequest);
        return login.issue(asked == null || asked.mode() == null ? CertificateLogin.Mode.TOKEN : asked.mode());
    }

    private CertificateLogin.LoginResult respond(String challengeId, byte[] body, String address) {
        LoginController.ChallengeResponse given = read(body, challengeResponse);
        if (given == null) {
            throw malformed();
        }
        return login.respond(uuid(challengeId), given.certificate(), given.signature(), given.mediumId(), address);
    }

    private static <T> T read(byte[] body, ObjectReader reader) {
        try {
            return reader.readValue(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw cn.huren.server.support.StrictJson.refused(e); // as MVC answers it: the field and the expected type
        } catch (IOException | IllegalArgumentException e) {
            throw malformed();
        }
    }

    private static byte[] bytes(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-parameter", "the challenge id is not a UUID");
        }
    }

    private static ApiException malformed() {
        return new ApiException(HttpStatus.BAD_REQUEST, "malformed-body", "the request body is not valid JSON of the expected shape", List.of());
    }

    private static boolean jsonOrEmpty(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return request.getContentLengthLong() <= 0;
        }
        if (type.startsWith(MediaType.APPLICATION_JSON_VALUE)) {
            return type.length() == MediaType.APPLICATION_JSON_VALUE.length() || type.charAt(MediaType.APPLICATION_JSON_VALUE.length()) == ';';
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
