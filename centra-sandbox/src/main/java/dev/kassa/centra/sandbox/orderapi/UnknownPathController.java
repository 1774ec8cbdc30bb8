package dev.kassa.centra.sandbox.orderapi;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestMapping;


/**
 * Anything under {@code /api/} that no handler serves is a 404 in Centra's envelope (§13.2), not
 * Spring's error page. More specific mappings always win over this one.
 */
@OrderApiController
class UnknownPathController {

    @RequestMapping("/api/**")
    Object unknown(HttpServletRequest request) {
        throw OrderApiException.no(404, "no such endpoint: " + request.getMethod() + " " + request.getRequestURI());
    }
}
