package cn.huren.server.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * After Spring's own resolvers: a client error that no handler took (a page controller, or a
 * request that failed before any controller was chosen, such as a multipart body without a
 * boundary) is answered by the error page or problem+json with its 4xx status.
 */
@Component
class ClientErrorResolver implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        return ClientErrors.of(e).map(problem -> {
            ClientErrors.warn(problem, e, request.getMethod(), request.getRequestURI());
            try {
                if (request.getDispatcherType() == jakarta.servlet.DispatcherType.ERROR) {
                    // the error page itself failed on the same input (a malformed multipart body is parsed again): answer here
                    Problems.write(response, problem);
                } else {
                    refuse(request, response, problem);
                }
            } catch (IOException io) {
                return null;
            }
            return new ModelAndView();
        }).orElse(null);
    }

    /** The error page (/error) renders the status: a page for browsers, problem+json for everyone else. */
    static void refuse(HttpServletRequest request, HttpServletResponse response, ApiException problem) throws IOException {
        request.setAttribute(Problems.KIND_ATTRIBUTE, problem.kind());
        if (!problem.errors().isEmpty()) {
            request.setAttribute(Problems.ERRORS_ATTRIBUTE, problem.errors());
        }
        response.sendError(problem.status().value(), problem.getMessage());
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
