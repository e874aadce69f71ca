package vn.attthub;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import java.io.IOException;
import java.util.List;

/**
 * Rewrites only links to static files through the resource chain ({@code /webjars/bootstrap/css/…} gets its
 * version), and leaves page links alone. Boot's own {@link ResourceUrlEncodingFilter} offers every {@code @{...}}
 * link of a page to the resolver, which looks a path such as {@code /incidents/<uuid>} up in the class path and
 * caches only hits: the layout's 26 links on every page and the board's 250 case links paid for look-ups that can
 * never succeed (issue 4 §5). Registering this filter replaces Boot's (it backs off when one exists).
 */
@Configuration(proxyBeanMethods = false)
class StaticResourceLinks {
    /** Where {@code src/main/resources/static} and the webjars are served. */
    static final List<String> STATIC_PREFIXES = List.of("/webjars/", "/css/", "/js/", "/img/");

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new StaticOnlyResourceUrlEncodingFilter());
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR);
        return registration;
    }

    static boolean isStatic(String url, String contextPath) {
        if (url == null || !url.startsWith(contextPath)) return false;
        String path = url.substring(contextPath.length());
        for (String prefix : STATIC_PREFIXES) {
            if (path.startsWith(prefix)) return true;
        }
        return false;
    }

    static final class StaticOnlyResourceUrlEncodingFilter extends ResourceUrlEncodingFilter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!(request instanceof jakarta.servlet.http.HttpServletRequest http)
                    || !(response instanceof HttpServletResponse plain)) {
                super.doFilter(request, response, chain);
                return;
            }
            String contextPath = http.getContextPath();
            // The resource chain's wrapper resolves; the one inside it sends page links around it, to the response
            // as it was before (which still applies the container's and Spring Security's URL encoding).
            super.doFilter(request, response, (req, res) -> chain.doFilter(req,
                    new HttpServletResponseWrapper((HttpServletResponse) res) {
                        @Override
                        public String encodeURL(String url) {
                            return isStatic(url, contextPath) ? super.encodeURL(url) : plain.encodeURL(url);
                        }
                    }));
        }
    }
}
