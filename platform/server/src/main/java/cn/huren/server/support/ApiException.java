package cn.huren.server.support;

import cn.huren.plugin.api.CaConnectorException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An error a client caused or must know about. Rendered as problem+json whose {@code type} is
 * stable per kind ({@code urn:huren:problem:<kind>}), so clients can branch on it.
 */
public class ApiException extends RuntimeException {

    /**
     * A field that failed validation, with the rule it broke; {@code code} (optional) names the rule
     * so that pages can say it in the user's language ({@code fieldError.<code>} in the messages).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    /** Serializable: a refusal may be kept in the session (Spring Security keeps the last authentication failure). */
    public record FieldError(String field, String message, String code) implements java.io.Serializable {

        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }

    private final HttpStatus status;
    private final String kind;
    private final List<FieldError> errors;

    public ApiException(HttpStatus status, String kind, String detail) {
        this(status, kind, detail, List.of());
    }

    public ApiException(HttpStatus status, String kind, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public static ApiException badRequest(String kind, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, kind, detail);
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation", "the request has invalid fields", errors);
    }

    public static ApiException notFound(String kind, String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, kind, detail);
    }

    public static ApiException conflict(String kind, String detail) {
        return new ApiException(HttpStatus.CONFLICT, kind, detail);
    }

    public static ApiException unavailable(String kind, String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, kind, detail);
    }

    /** A CA connector's refusal keeps its code as the problem type; an unreachable CA is 503, never 500. */
    public static ApiException of(CaConnectorException e) {
        HttpStatus status = switch (e.reason()) {
            case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        return new ApiException(status, e.code(), e.getMessage());
    }

    public HttpStatus status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Seconds a client should wait before trying again (Retry-After), if it should: a minute when the service is unavailable. */
    public java.util.OptionalLong retryAfterSeconds() {
        return status == HttpStatus.SERVICE_UNAVAILABLE ? java.util.OptionalLong.of(60) : java.util.OptionalLong.empty();
    }

    /** As a console page lists it: each field's error ("field: message"), or the detail when there are none. */
    public List<String> messages() {
        return errors.isEmpty() ? List.of(getMessage()) : errors.stream().map(f -> f.field() + ": " + f.message()).toList();
    }
}
