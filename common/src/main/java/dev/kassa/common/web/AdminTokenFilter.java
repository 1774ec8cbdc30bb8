package dev.kassa.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards an admin API (a sandbox's {@code /sandbox/**}, the connector's {@code /api/admin/**}): {@code Authorization: Bearer <admin token>},
 * compared in constant time. Anything else gets a 401 problem document and reaches no controller.
 */
public final class AdminTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";
    /** Request attribute with a form token for the sandbox's own pages, derived from the admin token. */
    public static final String FORM_TOKEN = "kassa.sandbox.formToken";
    private final String token;
    private final String formToken;
    private final List<String> pagePrefixes;
    private final String apiPrefix;

    public AdminTokenFilter(String token) {
        this(token, List.of());
    }

    public AdminTokenFilter(String token, List<String> pagePrefixes) {
        this(token, "/sandbox", pagePrefixes);
    }

    /**
     * {@code pagePrefixes}: paths of the sandbox's web pages, which browsers reach with HTTP Basic (any user
     * name, the admin token as password) and which get a form token against cross-site requests.
     */
    /** {@code apiPrefix}: the path under which the admin API lives ({@code /sandbox} for the sandboxes). */
    public AdminTokenFilter(String token, String apiPrefix, List<String> pagePrefixes) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the sandbox admin token must not be blank");
        }
        this.token = token;
        this.pagePrefixes = List.copyOf(pagePrefixes);
        this.apiPrefix = apiPrefix;
        this.formToken = Secrets.hmacSha256Hex(token, "sandbox-pages".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The filter registered for {@code /sandbox/**}. A blank token is replaced by a random one, printed
     * (not logged: the operator needs it once, and log files should never hold secrets).
     */
    public static FilterRegistrationBean<AdminTokenFilter> registration(String sandboxName, String token,
                                                                        String... pagePrefixes) {
        return registration(sandboxName, token, "/sandbox", "--admin-token", List.of(pagePrefixes));
    }

    /**
     * The filter registered for {@code apiPrefix/**} (and the pages); {@code option} names the setting that
     * chooses the token, for the message printed when a random one is made.
     */
    public static FilterRegistrationBean<AdminTokenFilter> registration(String programName, String token, String apiPrefix,
                                                                        String option, List<String> pagePrefixes) {
        if (token == null || token.isBlank()) {
            token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            System.out.println(programName + " admin token (random, set " + option + " to choose one): " + token);
        }
        FilterRegistrationBean<AdminTokenFilter> registration =
                new FilterRegistrationBean<>(new AdminTokenFilter(token, apiPrefix, pagePrefixes));
        registration.addUrlPatterns(apiPrefix, apiPrefix + "/*");
        for (String page : pagePrefixes) {
            registration.addUrlPatterns(page, page + "/*");
        }
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !(under(path, apiPrefix) || page(path));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private boolean page(String path) {
        return pagePrefixes.stream().anyMatch(p -> under(path, p));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        boolean page = page(path(request));
        boolean ok = header != null
                && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && Secrets.constantTimeEquals(header.substring(PREFIX.length()).trim(), token);
        if (!ok && page && header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                ok = Secrets.constantTimeEquals(decoded.substring(decoded.indexOf(':') + 1), token);
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (ok) {
            request.setAttribute(FORM_TOKEN, formToken);
            chain.doFilter(request, response);
            return;
        }
        if (page) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"sandbox (any user name, the admin token as password)\", charset=\"UTF-8\"");
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Log in with any user name and the sandbox's admin token as password.\n");
            return;
        }
        String detail = header == null
                ? "the admin API needs the header Authorization: Bearer <admin token>"
                : "the admin token in the Authorization header is not valid";
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"admin\"");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                + detail + "\",\"instance\":\"" + Json.escape(request.getRequestURI()) + "\"}");
    }
}
