package cn.huren.server.operator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every file a tenant's reviewer reads (letters, licences, evidence under {@code /api/review/{tenant}/…}, whichever
 * feature serves it) is in the operation log, as an operator's download is: one place for all of them.
 */
@Configuration(proxyBeanMethods = false)
class ReviewDownloadLog implements WebMvcConfigurer, HandlerInterceptor {

    private final OperationLog operations;

    ReviewDownloadLog(OperationLog operations) {
        this.operations = operations;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/review/**");
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        String type = response.getContentType();
        if ("GET".equals(request.getMethod()) && response.getStatus() == 200 && type != null
                && !type.startsWith("application/json") && !type.startsWith("application/problem+json")) {
            operations.record("review.download", request.getRequestURI(), null, () -> null);
        }
    }
}
