package vn.attthub.notification;

import org.springframework.stereotype.Component;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContextWrapper;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders a message from its Thymeleaf text templates {@code templates/notification/<name>.subject.txt} and
 * {@code <name>.body.txt} (Vietnamese). Its own engine in TEXT mode: the web engine renders HTML pages.
 */
@Component
class Templates {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    /**
     * The SpEL evaluation context of the expressions, one per thread: Thymeleaf would build one (with its access
     * checks) for every template processed, a third of a message's rendering. Not thread-safe, and reused only by the
     * thread that renders: each evaluation sets what it depends on (the template's expression objects) anew.
     */
    private static final ThreadLocal<ThymeleafEvaluationContextWrapper> EVALUATION = ThreadLocal.withInitial(
            () -> new ThymeleafEvaluationContextWrapper(new StandardEvaluationContext()));

    Templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/notification/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        // Expressions compiled to bytecode once warm: every incident notice renders a message per recipient.
        engine.setEnableSpringELCompiler(true);
    }

    record Rendered(String subject, String body) {
    }

    Rendered render(String template, Map<String, Object> model) {
        if (template == null || !NAME.matcher(template).matches()) {
            throw new IllegalArgumentException("notification template name must match " + NAME + ": " + template);
        }
        Context context = new Context(VIETNAMESE, model);
        context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                EVALUATION.get());
        String subject;
        String body;
        try {
            subject = engine.process(template + ".subject", context);
            body = engine.process(template + ".body", context);
        } catch (org.thymeleaf.exceptions.TemplateInputException e) {
            throw new IllegalArgumentException("no notification template " + template, e);
        }
        // A subject is one line: a header, where a line break would start a new header.
        subject = WHITESPACE.matcher(subject).replaceAll(" ").strip();
        if (subject.length() > 250) subject = subject.substring(0, 250);
        return new Rendered(subject, body.strip());
    }
}
