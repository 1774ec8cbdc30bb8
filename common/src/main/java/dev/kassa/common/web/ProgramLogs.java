package dev.kassa.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Which program a log line is of, when several run in one process ({@code kassa demo}): the MDC key
 * {@value #KEY} holds the program's name ({@code spring.application.name}) on its request threads (this
 * filter), its start-up thread and its background loops ({@code Kassa}, {@code BackgroundLoop}); the
 * launcher's log pattern prints it, and structured logs carry it as a field.
 */
@Configuration
public class ProgramLogs {

    public static final String KEY = "program";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> programLogFilter(@Value("${spring.application.name:kassa}") String program) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                MDC.put(KEY, program);
                try {
                    chain.doFilter(request, response);
                } finally {
                    MDC.remove(KEY);
                }
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
