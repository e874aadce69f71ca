package vn.attthub.shared.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.attthub.shared.GroupCommit;

import java.time.Duration;

/**
 * Cross-cutting HTTP filters, in this order around Spring Security (order -100):
 * {@link MetricsAccess} (-1000) and {@link JsonBodyLimit} (-900) before it, so that oversized bodies and metric
 * scrapes are decided before any authentication work; {@link IdempotencyKeys} (0) after it, so the caller is known.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WebInfrastructure {

    @Bean
    FilterRegistrationBean<MetricsAccess> metricsAccess(
            @Value("${attt.metrics.allow-loopback:true}") boolean allowLoopback,
            @Value("${attt.metrics.token:}") String token) {
        FilterRegistrationBean<MetricsAccess> bean = new FilterRegistrationBean<>(new MetricsAccess(allowLoopback, token));
        bean.setOrder(-1000);
        bean.addUrlPatterns("/actuator/*");
        return bean;
    }

    @Bean
    FilterRegistrationBean<JsonBodyLimit> jsonBodyLimit(@Value("${attt.web.max-json-body:1MB}") DataSize limit) {
        FilterRegistrationBean<JsonBodyLimit> bean = new FilterRegistrationBean<>(new JsonBodyLimit(limit.toBytes()));
        bean.setOrder(-900);
        return bean;
    }

    @Bean
    IdempotencyKeys idempotencyKeys(JdbcClient jdbc, JdbcTemplate batches, GroupCommit groupCommit,
                                    @Qualifier("requestMappingHandlerMapping")
                                    ObjectProvider<RequestMappingHandlerMapping> handlers,
                                    @Value("${attt.web.max-json-body:1MB}") DataSize limit,
                                    @Value("${attt.idempotency.ttl:PT24H}") Duration ttl,
                                    @Value("${attt.idempotency.wait:PT10S}") Duration wait,
                                    @Value("${attt.idempotency.abandon-after:PT10M}") Duration abandonAfter) {
        return new IdempotencyKeys(jdbc, batches, groupCommit, handlers, limit.toBytes(), ttl, wait, abandonAfter);
    }

    /** The group commit of handlers marked {@link IdempotentWithItsAnswer}: opened after every other interceptor. */
    @Bean
    WebMvcConfigurer idempotentGroupCommits(IdempotencyKeys keys) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(keys.groupCommits()).order(Ordered.LOWEST_PRECEDENCE);
            }
        };
    }

    @Bean
    FilterRegistrationBean<IdempotencyKeys> idempotencyKeysRegistration(IdempotencyKeys filter) {
        FilterRegistrationBean<IdempotencyKeys> bean = new FilterRegistrationBean<>(filter);
        bean.setOrder(0);
        bean.addUrlPatterns("/api/v1/*");
        return bean;
    }

    @Bean
    IdempotencyCleanup idempotencyCleanup(IdempotencyKeys keys) {
        return new IdempotencyCleanup(keys);
    }

    /** Deletes expired Idempotency-Key entries hourly; a plain DELETE, so every instance may run it (cluster-safe). */
    static class IdempotencyCleanup {
        private final IdempotencyKeys keys;

        IdempotencyCleanup(IdempotencyKeys keys) {
            this.keys = keys;
        }

        @Scheduled(initialDelayString = "${attt.idempotency.cleanup-interval:PT1H}",
                fixedDelayString = "${attt.idempotency.cleanup-interval:PT1H}")
        void run() {
            keys.deleteExpired();
        }
    }
}
