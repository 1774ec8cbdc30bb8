package dev.kassa.connector.health;

import dev.kassa.connector.config.ConnectorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Whether the connector's outside systems answer, for readiness ({@code /actuator/health/readiness}, with the
 * database): {@code centra}, every Order API endpoint (country and store), and {@code centara}. One cheap
 * read each, with the configured secret, at most every {@link #FRESH} (a load balancer asking every second
 * does not become Centra's load). One that does not answer, or refuses the credentials, is {@link #DEGRADED}.
 * Anyone sees each one's status; the reasons need the admin token (decision 0016).
 */
@Configuration
public class Dependencies {

    /**
     * Centra or Centara not answering: the connector still takes till sales and webhooks (it keeps them and
     * catches up), so it stays ready (200) and says which one is missing; only the database makes it DOWN.
     */
    public static final String DEGRADED = "DEGRADED";

    /** How long an answer counts before the next health call asks again. */
    static final Duration FRESH = Duration.ofSeconds(10);

    private final ConnectorConfig config;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private record Answer(boolean up, String detail, long atMs) {
    }

    Dependencies(ConnectorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Bean
    HealthIndicator centraHealthIndicator() {
        return () -> {
            Map<String, dev.kassa.centra.api.CentraEndpoint> endpoints = new LinkedHashMap<>();
            config.endpoints().forEach((country, e) -> endpoints.put("endpoint " + country, e));
            config.stores().forEach(s -> endpoints.put("store " + s.id(), s.centraEndpoint()));
            Health.Builder health = Health.up();
            for (Map.Entry<String, dev.kassa.centra.api.CentraEndpoint> e : endpoints.entrySet()) {
                dev.kassa.centra.api.CentraEndpoint endpoint = e.getValue();
                Answer a = ask("centra|" + endpoint.baseUrl() + "|" + endpoint.secret().hashCode(), () -> HttpRequest.newBuilder(
                        URI.create(strip(endpoint.baseUrl().toString()) + "/products?limit=1")).header("API-Authorization", endpoint.secret()));
                health.withDetail(e.getKey(), a.detail());
                if (!a.up()) {
                    health.status(DEGRADED);
                }
            }
            return health.build();
        };
    }

    @Bean
    HealthIndicator centaraHealthIndicator() {
        return () -> config.centara().map(c -> {
            // an order that cannot exist: 404 says Centara answers and took the credentials
            Answer a = ask("centara|" + c.baseUrl(), () -> {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(strip(c.baseUrl()) + "/api/order/kassa-health-check"));
                c.auth().header().ifPresent(h -> b.header("Authorization", h));
                return b;
            });
            return (a.up() ? Health.up() : Health.status(DEGRADED)).withDetail("api", a.detail()).build();
        }).orElseGet(() -> Health.unknown().withDetail("api", "not configured: ship from store is off").build());
    }

    private Answer ask(String key, java.util.function.Supplier<HttpRequest.Builder> request) {
        long now = clock.millis();
        Answer last = answers.get(key);
        if (last != null && now - last.atMs() < FRESH.toMillis() && now >= last.atMs()) {
            return last;
        }
        Answer a;
        try {
            HttpResponse<Void> r = http.send(request.get().timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            int s = r.statusCode();
            a = s == 401 || s == 403 ? new Answer(false, "refused our credentials (" + s + ")", now)
                    : s >= 500 ? new Answer(false, "answered " + s, now)
                    : new Answer(true, "answers (" + s + ")", now);
        } catch (java.io.IOException e) {
            a = new Answer(false, "no answer: " + e.getClass().getSimpleName(), now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            a = new Answer(false, "interrupted", now);
        }
        answers.put(key, a);
        return a;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
