package cn.huren.server.session;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A {@link PartyAccess} parameter of any controller (API or portal page) is the one the request's
 * session filter resolved. Without a party session it is 401, unless the parameter is
 * {@code @Nullable} (a page that sends the browser to the login page itself): a handler outside the
 * chains that sign parties in fails closed and clearly, not with a NullPointerException.
 */
@Configuration(proxyBeanMethods = false)
class PartyAccessArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PartyAccess.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        HttpServletRequest servlet = request.getNativeRequest(HttpServletRequest.class);
        PartyAccess access = servlet == null ? null : PartyAccesses.of(servlet);
        if (access == null && !parameter.isOptional()) {
            throw new cn.huren.server.support.ApiException(org.springframework.http.HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "sign in with a certificate or a login method of this portal first");
        }
        return access;
    }
}
