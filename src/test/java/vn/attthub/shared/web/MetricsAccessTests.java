package vn.attthub.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsAccessTests {
    static final String TOKEN = "scrape-secret-0123456789";

    static MockHttpServletRequest scrape(String remote, String authorization) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/actuator/prometheus");
        r.setRemoteAddr(remote);
        if (authorization != null) r.addHeader("Authorization", authorization);
        return r;
    }

    static int run(MetricsAccess filter, MockHttpServletRequest request, MockFilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response.getStatus();
    }

    @Test
    void aRemoteScrapeWithoutTheTokenIsRefused() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        assertThat(run(new MetricsAccess(true, TOKEN), scrape("203.0.113.9", null), chain)).isEqualTo(403);
        assertThat(chain.getRequest()).isNull();
        assertThat(run(new MetricsAccess(true, TOKEN), scrape("203.0.113.9", "Bearer wrong"), new MockFilterChain()))
                .isEqualTo(403);
    }

    @Test
    void loopbackIsAllowedUnlessSwitchedOff() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        assertThat(run(new MetricsAccess(true, null), scrape("127.0.0.1", null), chain)).isEqualTo(200);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(run(new MetricsAccess(true, null), scrape("0:0:0:0:0:0:0:1", null), new MockFilterChain())).isEqualTo(200);
        assertThat(run(new MetricsAccess(false, TOKEN), scrape("127.0.0.1", null), new MockFilterChain())).isEqualTo(403);
    }

    @Test
    void theTokenAdmitsAndIsHiddenFromTheRestOfTheChain() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        assertThat(run(new MetricsAccess(false, TOKEN), scrape("203.0.113.9", "Bearer " + TOKEN), chain)).isEqualTo(200);
        assertThat(((HttpServletRequest) chain.getRequest()).getHeader("Authorization")).isNull();
    }

    @Test
    void otherPathsAreUntouched() throws Exception {
        MockHttpServletRequest other = new MockHttpServletRequest("GET", "/actuator/health");
        other.setRemoteAddr("203.0.113.9");
        MockFilterChain chain = new MockFilterChain();
        assertThat(run(new MetricsAccess(false, null), other, chain)).isEqualTo(200);
        assertThat(chain.getRequest()).isNotNull();
    }
}
