package cn.huren.server.support;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * The one place that tells an exception the client caused (malformed body, content type or
 * multipart, text the database cannot store) from a server fault: the former become a 4xx problem
 * and a WARN line without stack trace, never a 500 and an ERROR. Used by {@link ProblemHandler},
 * {@link ClientErrorResolver} (pages and requests no controller took), {@link ClientInputFilter}
 * (filters) and the operation log (a refusal, not a failure).
 */
public final class ClientErrors {

    private static final Logger log = LoggerFactory.getLogger(ClientErrors.class);

    /**
     * PostgreSQL's codes for input it cannot take: a value too long for its column, a character
     * not in the encoding (U+0000), an untranslatable character, a number out of range, a text
     * that is not of the column's type.
     */
    private static final Set<String> CLIENT_SQL_STATES = Set.of("22001", "22021", "22P05", "22003", "22P02");

    private ClientErrors() {
    }

    /** The problem the client caused (always a 4xx), when {@code e} (or one of its causes) is one. */
    public static Optional<ApiException> of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api && !api.status().is4xxClientError()) {
                return Optional.empty(); // a 5xx (e.g. 503 unavailable) is the server's state, not the client's error
            }
            ApiException problem = classify(t);
            if (problem != null) {
                return Optional.of(problem);
            }
        }
        return Optional.empty();
    }

    private static ApiException classify(Throwable t) {
        if (t instanceof ApiException api) {
            return api;
        }
        if (t instanceof MaxUploadSizeExceededException) {
            return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "the request body is too large");
        }
        if (t instanceof MultipartException || t.getClass().getName().startsWith("org.apache.tomcat.util.http.fileupload.")) {
            return ApiException.badRequest("malformed-multipart", "the request is not valid multipart/form-data");
        }
        if (t instanceof HttpMediaTypeNotSupportedException || t instanceof InvalidMediaTypeException
                || t instanceof UnsupportedCharsetException || t instanceof IllegalCharsetNameException
                || t instanceof java.io.UnsupportedEncodingException) {
            return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "the request's content type or charset is not supported");
        }
        if (t instanceof HttpMediaTypeNotAcceptableException) {
            return new ApiException(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "no acceptable representation");
        }
        if (t instanceof HttpRequestMethodNotSupportedException) {
            return new ApiException(HttpStatus.METHOD_NOT_ALLOWED, "http-405", "the method is not allowed here");
        }
        if (t instanceof HttpMessageNotReadableException || t instanceof CharacterCodingException) {
            return ApiException.badRequest("malformed-body", "the request body is not valid JSON of the expected shape");
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null && CLIENT_SQL_STATES.contains(sql.getSQLState())) {
            return ApiException.badRequest("validation", sql.getSQLState().equals("22001")
                    ? "a text is longer than its field allows" : "a value cannot be stored (invalid character or out of range)");
        }
        if (t.getClass().getName().equals("org.springframework.security.web.firewall.RequestRejectedException")) {
            return ApiException.badRequest("http-400", "the request was rejected");
        }
        return null;
    }

    /** The WARN line a client error leaves: status, kind, request, cause; no stack trace, no control characters. */
    public static void warn(ApiException problem, Throwable cause, String method, String uri) {
        if (log.isWarnEnabled()) {
            log.warn("client error {} {} on {} {}: {}", problem.status().value(), problem.kind(), printable(method, 16),
                    printable(uri, 200), printable(cause.getClass().getSimpleName() + ": " + cause.getMessage(), 300));
        }
    }

    static String printable(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        return out.toString();
    }
}
