package vn.attthub;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.*;

/**
 * The whole application on a real HTTP port and a throw-away embedded PostgreSQL. Every integration test uses
 * this one configuration so that Spring's test-context cache starts the application (and its database) once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface IntegrationTest {
    String BOOTSTRAP_TOKEN = "attt_test-bootstrap-token-0123456789abcdef";
    String ADMIN_USERNAME = "admin";
    String ADMIN_PASSWORD = "Kiem-Thu#2026x";
}
