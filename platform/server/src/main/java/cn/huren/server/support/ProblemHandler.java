package cn.huren.server.support;

import cn.huren.plugin.api.CaConnectorException;
import cn.huren.plugin.api.PluginProblem;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error leaves as application/problem+json with a stable type. Page controllers are
 * left to the error pages.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        HttpHeaders headers = new HttpHeaders();
        e.retryAfterSeconds().ifPresent(seconds -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        return ResponseEntity.status(e.status()).headers(headers)
                .body(Problems.of(e.status(), e.kind(), e.getMessage(), e.errors()));
    }

    /** A plugin's refusal (its own, or a host service's: binding, seal, phone code): its status, code as type, fields. */
    @ExceptionHandler(PluginProblem.class)
    ResponseEntity<ProblemDetail> plugin(PluginProblem e) {
        HttpStatus status = HttpStatus.resolve(e.status());
        if (status == null || !status.isError()) {
            log.error("a plugin refused with status {}, not an error status", e.status(), e);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return ResponseEntity.status(status).body(Problems.of(status, e.code(), e.getMessage(),
                e.fields().stream().map(f -> new ApiException.FieldError(f.field(), f.message())).toList()));
    }

    @ExceptionHandler(CaConnectorException.class)
    ResponseEntity<ProblemDetail> ca(CaConnectorException e) {
        return api(ApiException.of(e));
    }

    /** A versioned write that lost a race (Spring's translation, or JPA's own when nothing translated it): never a 500. */
    @ExceptionHandler({org.springframework.dao.OptimisticLockingFailureException.class, jakarta.persistence.OptimisticLockException.class})
    ResponseEntity<ProblemDetail> concurrentUpdate(Exception e) {
        return api(ApiException.conflict("concurrent-update", "the resource was changed by someone else; reload and retry"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiException.FieldError(f.getField(), f.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "validation",
                "the request has invalid fields", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable c = ex.getCause(); c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ApiException api) { // refused while the body was read, e.g. 413 by a filter's size limit
                return ResponseEntity.status(api.status()).body(Problems.of(api.status(), api.kind(), api.getMessage(), api.errors()));
            }
        }
        ApiException refused = StrictJson.refused(ex.getCause());
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, refused.kind(), refused.getMessage(),
                refused.errors()));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
                                                          HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType().toString().equals("about:blank")) {
            problem.setType(Problems.type("http-" + statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, jakarta.servlet.http.HttpServletRequest request) {
        java.util.Optional<ApiException> clientError = ClientErrors.of(e);
        if (clientError.isPresent()) {
            ClientErrors.warn(clientError.get(), e, request.getMethod(), request.getRequestURI());
            return api(clientError.get());
        }
        log.error("unexpected error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal", "an unexpected error occurred; it has been logged", List.of()));
    }
}
