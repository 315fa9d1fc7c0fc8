package cn.huren.server.support;

import cn.huren.plugin.api.PluginProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A page controller's ApiException (or a plugin page's PluginProblem) becomes the matching error page (404, 503, …) rendered by
 * /error, instead of a 500. REST controllers are served first by {@link ProblemHandler}.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblemHandler {

    @ExceptionHandler(ApiException.class)
    void page(ApiException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setAttribute(Problems.KIND_ATTRIBUTE, e.kind());
        e.retryAfterSeconds().ifPresent(seconds -> response.setHeader("Retry-After", Long.toString(seconds)));
        response.sendError(e.status().value(), e.getMessage());
    }

    /** A plugin page's refusal: the error page of its status (a page that wants the message next to a field catches it itself). */
    @ExceptionHandler(PluginProblem.class)
    void plugin(PluginProblem e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setAttribute(Problems.KIND_ATTRIBUTE, e.code());
        response.sendError(e.status() >= 400 && e.status() <= 599 ? e.status() : 500, e.getMessage());
    }
}
