package dev.kassa.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards a sandbox's admin API ({@code /sandbox/**}): {@code Authorization: Bearer <admin token>},
 * compared in constant time. Anything else gets a 401 problem document and reaches no controller.
 */
public final class AdminTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";
    private final String token;

    public AdminTokenFilter(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the sandbox admin token must not be blank");
        }
        this.token = token;
    }

    /**
     * The filter registered for {@code /sandbox/**}. A blank token is replaced by a random one, printed
     * (not logged: the operator needs it once, and log files should never hold secrets).
     */
    public static FilterRegistrationBean<AdminTokenFilter> registration(String sandboxName, String token) {
        if (token == null || token.isBlank()) {
            token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            System.out.println(sandboxName + " admin token (random, set --admin-token to choose one): " + token);
        }
        FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(new AdminTokenFilter(token));
        registration.addUrlPatterns("/sandbox", "/sandbox/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/sandbox") || path.startsWith("/sandbox/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        boolean ok = header != null
                && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && Secrets.constantTimeEquals(header.substring(PREFIX.length()).trim(), token);
        if (ok) {
            chain.doFilter(request, response);
            return;
        }
        String detail = header == null
                ? "the admin API needs the header Authorization: Bearer <admin token>"
                : "the admin token in the Authorization header is not valid";
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"sandbox\"");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                + detail + "\",\"instance\":\"" + Json.escape(request.getRequestURI()) + "\"}");
    }
}
