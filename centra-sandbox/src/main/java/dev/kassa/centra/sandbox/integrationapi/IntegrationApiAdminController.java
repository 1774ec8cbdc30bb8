package dev.kassa.centra.sandbox.integrationapi;

import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.common.sandbox.AdminJson;
import dev.kassa.common.sandbox.FieldError;
import dev.kassa.common.sandbox.SandboxAdminController;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * {@code GET/PUT /sandbox/integration-api}: the Integration API's rate-limit plan ({@code growth},
 * {@code enhanced}, {@code high-volume}, {@code enterprise} or {@code off}) and its windows now. A PUT
 * starts every bucket full, so a test or a demo begins from a known budget; {@code speed} shortens the
 * windows for a benchmark that compresses time.
 */
@SandboxAdminController
class IntegrationApiAdminController {

    /** {@code speed}: windows that many times shorter than Centra's, for a benchmark compressing time (default 1). */
    record Settings(String plan, Integer speed) {
    }

    record Status(String plan, int speed, List<RateLimits.Window> windows) {
    }

    private final RateLimits limits;

    IntegrationApiAdminController(RateLimits limits) {
        this.limits = limits;
    }

    @GetMapping("/sandbox/integration-api")
    Status get() {
        return new Status(limits.plan().map(RateLimits.Plan::name).orElse("off"), limits.speed(), limits.windows());
    }

    @PutMapping(path = "/sandbox/integration-api", consumes = MediaType.ALL_VALUE)
    Status put(@RequestBody(required = false) byte[] body) {
        Settings s = AdminJson.read(body, Settings.class);
        int speed = s.speed() == null ? 1 : s.speed();
        if (speed < 1 || speed > 1000) {
            throw new AdminInputException("the settings were not applied", List.of(new FieldError("speed", "must be 1 to 1000")));
        }
        try {
            limits.plan(s.plan(), speed);
        } catch (IllegalArgumentException e) {
            throw new AdminInputException("the settings were not applied", List.of(new FieldError("plan",
                    "must be one of growth, enhanced, high-volume, enterprise, off")));
        }
        return get();
    }
}
