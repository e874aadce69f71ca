package vn.attthub;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.time.Duration;
import java.util.Locale;
import java.util.TimeZone;

/** Vietnamese first, English on request ({@code ?lang=en}, remembered in a cookie); times in Asia/Ho_Chi_Minh. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {
    static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");
    static final TimeZone ZONE = TimeZone.getTimeZone("Asia/Ho_Chi_Minh");

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("attt-lang");
        resolver.setDefaultLocale(VIETNAMESE);
        resolver.setDefaultTimeZone(ZONE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        registry.addInterceptor(change);
    }
}
