package dev.kassa.centra.sandbox.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookSignatureTest {

    @Test
    void signerReproducesTheDocumentedTestVector() throws IOException {
        JsonNode v;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/centra-webhook-signature-vector.json")) {
            v = JsonMapper.builder().build().readTree(in);
        }
        String body = WebhookSignature.body("{\"x\":\"test\"}");
        assertThat(body).isEqualTo(v.get("rawBody").asString());
        assertThat(WebhookSignature.header(v.get("secret").asString(), Long.parseLong(v.get("t").asString()), body))
                .isEqualTo(v.get("header").asString());
    }

    @Test
    void bodyIsEncodedAsEncodeUriComponentDoes() {
        String json = "{\"date\":\"2021-01-11 16:21:00.552288\",\"name\":\"Göteborg (A&B) ~*'!\"}";
        String body = WebhookSignature.body(json);
        assertThat(body).isEqualTo("payload=%7B%22date%22%3A%222021-01-11%2016%3A21%3A00.552288%22%2C%22name%22%3A"
                + "%22G%C3%B6teborg%20(A%26B)%20~*'!%22%7D");
        assertThat(URLDecoder.decode(body.substring("payload=".length()), StandardCharsets.UTF_8)).isEqualTo(json);
    }
}
