package cn.huren.server.portal;

import cn.huren.server.support.Problems;
import cn.huren.server.tenancy.TenantContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error the container routes to /error: problem+json for API paths and non-browser
 * clients, otherwise a page in the tenant's branding (404 unknown tenant or page, 503 suspended
 * tenant or failed plugin, 500).
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping("/error")
    Object error(HttpServletRequest request) {
        int code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer i ? i : 500;
        HttpStatus status = HttpStatus.resolve(code) == null ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.resolve(code);
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String kind = request.getAttribute(Problems.KIND_ATTRIBUTE) instanceof String k ? k : "http-" + status.value();
        String accept = String.valueOf(request.getHeader("Accept"));
        if (uri.startsWith("/api/") || !accept.contains(MediaType.TEXT_HTML_VALUE)) {
            // only our own problems carry a message meant for clients; anything else stays generic
            String message = request.getAttribute(Problems.KIND_ATTRIBUTE) != null
                    && request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String m && !m.isBlank()
                    ? m : status.getReasonPhrase();
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(status, kind, message, Problems.errors(request)));
        }
        String view = switch (kind) {
            case "unknown-tenant", "tenant-suspended", "plugin-unavailable", "tenant-unavailable" -> kind;
            default -> status.is5xxServerError() ? "http-" + (status == HttpStatus.SERVICE_UNAVAILABLE ? 503 : 500)
                    : status == HttpStatus.BAD_REQUEST || status.value() == 413 || status.value() == 415 || status.value() == 431 ? "http-400"
                    : "http-404";
        };
        ModelAndView page = new ModelAndView("portal/error", Map.of("errorKind", view, "status", status.value(),
                "hasTenant", TenantContext.current().isPresent()));
        page.setStatus(status);
        return page;
    }
}
