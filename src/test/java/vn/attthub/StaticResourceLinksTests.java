package vn.attthub;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.servlet.resource.ResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.ResourceUrlProviderExposingInterceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Page links skip the static-resource resolver; links to static files still go through it (issue 4 §5). */
class StaticResourceLinksTests {
    @Test
    void onlyStaticLinksAreOfferedToTheResourceResolver() throws Exception {
        List<String> lookedUp = new ArrayList<>();
        ResourceResolver counting = new ResourceResolver() {
            @Override
            public Resource resolveResource(HttpServletRequest request, String path, List<? extends Resource> locations,
                                            ResourceResolverChain chain) {
                return null;
            }

            @Override
            public String resolveUrlPath(String path, List<? extends Resource> locations, ResourceResolverChain chain) {
                lookedUp.add(path);
                return path.replace("bootstrap/", "bootstrap/5.3.8/");
            }
        };
        ResourceHttpRequestHandler handler = new ResourceHttpRequestHandler();
        handler.setResourceResolvers(List.of(counting));
        ResourceUrlProvider provider = new ResourceUrlProvider();
        // "/**" as Boot maps src/main/resources/static: any page path would match it
        provider.setHandlerMap(Map.of("/webjars/**", handler, "/**", handler));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/attt/incidents/board");
        request.setContextPath("/attt");
        List<String> encoded = new ArrayList<>();
        new StaticResourceLinks().resourceUrlEncodingFilter().getFilter().doFilter(request,
                new MockHttpServletResponse(), (req, res) -> {
                    // as ResourceUrlProviderExposingInterceptor does before the page renders
                    req.setAttribute(ResourceUrlProviderExposingInterceptor.RESOURCE_URL_PROVIDER_ATTR, provider);
                    HttpServletResponse response = (HttpServletResponse) res;
                    encoded.add(response.encodeURL("/attt/incidents/0b9f6a4e-2f57-4d0e-9d43-0c2d7f0e4a11"));
                    encoded.add(response.encodeURL("/attt/notifications"));
                    encoded.add(response.encodeURL("/attt/webjars/bootstrap/css/bootstrap.min.css"));
                    encoded.add(response.encodeURL("/attt/css/app.css"));
                });
        assertThat(encoded).containsExactly("/attt/incidents/0b9f6a4e-2f57-4d0e-9d43-0c2d7f0e4a11",
                "/attt/notifications", "/attt/webjars/bootstrap/5.3.8/css/bootstrap.min.css", "/attt/css/app.css");
        assertThat(lookedUp).containsExactly("bootstrap/css/bootstrap.min.css", "css/app.css");
    }

    @Test
    void staticPrefixes() {
        assertThat(StaticResourceLinks.isStatic("/img/favicon.svg", "")).isTrue();
        assertThat(StaticResourceLinks.isStatic("/js/app.js", "")).isTrue();
        assertThat(StaticResourceLinks.isStatic("/incidents/board", "")).isFalse();
        assertThat(StaticResourceLinks.isStatic("/jsx", "")).isFalse();
        assertThat(StaticResourceLinks.isStatic("/webjars/htmx.org/dist/htmx.min.js", "/app")).isFalse();
        assertThat(StaticResourceLinks.isStatic("/app/webjars/htmx.org/dist/htmx.min.js", "/app")).isTrue();
    }
}
