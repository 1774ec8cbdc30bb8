package dev.kassa.connector.console;

import dev.kassa.connector.config.ConnectorConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/**
 * The console's language (decision 0013): English, Swedish or German. A language picked on a page
 * ({@code ?lang=sv}, the links in the page's top bar) holds for the rest of the session; without one, the
 * user's configured {@code language}; without that, the first of the browser's languages the console speaks;
 * otherwise English. The words are in {@code console/messages*.properties}; dates, times and numbers follow
 * the language in the shop's country (see {@link #formats}).
 */
@Configuration
class ConsoleLanguage implements WebMvcConfigurer {

    private final ConnectorConfig config;

    ConsoleLanguage(ConnectorConfig config) {
        this.config = config;
    }

    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("console/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false); // English, not the server's language, when a language lacks a word
        messages.setAlwaysUseMessageFormat(true); // one quoting rule ('') for every message, with arguments or without
        return messages;
    }

    @Bean
    LocaleResolver localeResolver() {
        SessionLocaleResolver resolver = new SessionLocaleResolver() {
            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                super.setLocale(request, response, locale == null ? null : spoken(locale.getLanguage()).orElse(null));
            }
        };
        resolver.setDefaultLocaleFunction(this::defaultLocale);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/login", "/console", "/console/**");
    }

    /** The user's configured language, else the browser's first one the console speaks, else English. */
    private Locale defaultLocale(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated()) {
            Optional<Locale> configured = config.consoleUsers().stream().filter(u -> u.username().equalsIgnoreCase(auth.getName()))
                    .findFirst().flatMap(ConnectorConfig.ConsoleUser::language).flatMap(ConsoleLanguage::spoken);
            if (configured.isPresent()) {
                return configured.get();
            }
        }
        if (request.getHeader("Accept-Language") != null) {
            for (Locale l : Collections.list(request.getLocales())) {
                Optional<Locale> spoken = spoken(l.getLanguage());
                if (spoken.isPresent()) {
                    return spoken.get();
                }
            }
        }
        return Locale.ENGLISH;
    }

    /** The language as the console's locale, if the console speaks it. */
    static Optional<Locale> spoken(String language) {
        return ConnectorConfig.LANGUAGES.contains(language) ? Optional.of(Locale.of(language)) : Optional.empty();
    }

    /**
     * Dates, times and numbers: the user's language as written in the shop's country ({@code sv} in a German
     * shop: Swedish words, euros); head office (no one shop) writes English the British way.
     */
    static Locale formats(Locale language, String country) {
        if (country == null || country.isBlank()) {
            return language.getLanguage().equals("en") ? Locale.UK : language;
        }
        return Locale.of(language.getLanguage(), country.toUpperCase(Locale.ROOT));
    }
}
