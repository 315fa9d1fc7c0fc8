package cn.huren.server.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds problem+json bodies, for controllers and for filters that answer before MVC. */
public final class Problems {

    private static final ObjectMapper JSON = StrictJson.mapper();

    /** Request attribute naming the problem kind when an error is rendered by the error page. */
    public static final String KIND_ATTRIBUTE = "huren.problem.kind";

    /** Request attribute holding the problem's field errors ({@code List<ApiException.FieldError>}) for the error page. */
    public static final String ERRORS_ATTRIBUTE = "huren.problem.errors";

    private Problems() {
    }

    public static URI type(String kind) {
        return URI.create("urn:huren:problem:" + kind);
    }

    public static ProblemDetail of(HttpStatus status, String kind, String detail, List<ApiException.FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(kind));
        problem.setTitle(status.getReasonPhrase());
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** The field errors a refusal left for the error page, if any. */
    @SuppressWarnings("unchecked")
    public static List<ApiException.FieldError> errors(jakarta.servlet.http.HttpServletRequest request) {
        return request.getAttribute(ERRORS_ATTRIBUTE) instanceof List<?> errors ? (List<ApiException.FieldError>) errors : List.of();
    }

    public static void write(HttpServletResponse response, ApiException e) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type(e.kind()).toString());
        problem.put("title", e.status().getReasonPhrase());
        problem.put("status", e.status().value());
        problem.put("detail", e.getMessage());
        if (!e.errors().isEmpty()) {
            problem.put("errors", e.errors());
        }
        response.setStatus(e.status().value());
        response.setCharacterEncoding("UTF-8");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        e.retryAfterSeconds().ifPresent(seconds -> response.setHeader("Retry-After", Long.toString(seconds)));
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
