package vn.attthub.shared;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.util.Locale;

/**
 * Whether demo data is loaded: {@code attt.demo-data=true|false}, or by default ({@code auto}) only on the embedded
 * database, never when an external database is configured (docs/demo-data.md). One answer for every module's
 * {@code Demo*} loader.
 */
@Component
public class DemoData {
    private final boolean enabled;

    public DemoData(@Value("${attt.demo-data:auto}") String mode, @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.enabled = switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> !StringUtils.hasText(datasourceUrl);
        };
    }

    public boolean enabled() {
        return enabled;
    }
}
