package cn.huren.server.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of every other filter: a request whose charset does not exist is refused (415), and a
 * client error thrown by a filter (security, tenancy) becomes its 4xx answer with the security
 * headers and a WARN line, instead of a 500 and a stack trace from the container.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClientInputFilter extends OncePerRequestFilter {

    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";]*)");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String charset = charset(request.getHeader("Content-Type"));
        if (charset != null && !supported(charset)) {
            ApiException problem = new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "the request's charset is not supported");
            ClientErrors.warn(problem, problem, request.getMethod(), request.getRequestURI());
            refuse(request, response, problem);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            Optional<ApiException> problem = ClientErrors.of(e);
            if (problem.isEmpty() || response.isCommitted()) {
                throw e;
            }
            ClientErrors.warn(problem.get(), e, request.getMethod(), request.getRequestURI());
            refuse(request, response, problem.get());
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, ApiException problem) throws IOException {
        response.resetBuffer();
        SecurityHeaders.write(response);
        ClientErrorResolver.refuse(request, response, problem);
    }

    /** The charset the client named (read from the header: the encoding filter may have overridden the request's). */
    private static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET.matcher(contentType);
        return m.find() ? m.group(1).strip() : null;
    }

    private static boolean supported(String charset) {
        try {
            return !charset.isEmpty() && Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
