package dev.kassa.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SecretFilesTest {

    private static StandardEnvironment environment(Map<String, Object> settings, Map<String, Object> variables) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        env.getPropertySources().addFirst(new MapPropertySource("settings", settings));
        return env;
    }

    @Test
    void aSettingOrAVariableEndingInFileGivesTheSecretFromThatFile(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cret-token\n");
        Path key = Files.writeString(dir.resolve("key"), "pos-key-from-file");
        Path db = Files.writeString(dir.resolve("db"), "db-pass\r\n");
        StandardEnvironment env = environment(Map.of("kassa.connector.stores[0].pos-api-key-file", key.toString(),
                        "kassa.connector.stores[0].id", "stockholm", "spring.datasource.password-file", db.toString()),
                Map.of("KASSA_CONNECTOR_ADMIN_TOKEN_FILE", token.toString()));
        new SecretFiles().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("kassa.connector.admin-token")).as("from the environment's _FILE, relaxed").isEqualTo("s3cret-token");
        assertThat(env.getProperty("kassa.connector.stores[0].pos-api-key")).isEqualTo("pos-key-from-file");
        assertThat(env.getProperty("kassa.connector.stores[0].id")).as("the list's other settings stay beside it").isEqualTo("stockholm");
        assertThat(env.getProperty("spring.datasource.password")).as("the line break is not part of it").isEqualTo("db-pass");
    }

    @Test
    void aSecretGivenTwiceOrAFileThatCannotBeReadIsRefusedWithoutTheSecret(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "the-secret-itself");
        assertThatThrownBy(() -> new SecretFiles().postProcessEnvironment(environment(Map.of("kassa.connector.admin-token-file",
                token.toString(), "kassa.connector.admin-token", "another"), Map.of()), new SpringApplication()))
                .hasMessageContaining("kassa.connector.admin-token-file and kassa.connector.admin-token are both given")
                .hasMessageNotContaining("the-secret-itself").hasMessageNotContaining("another");
        assertThatThrownBy(() -> new SecretFiles().postProcessEnvironment(environment(Map.of("kassa.connector.webhook.secret-file",
                dir.resolve("missing").toString()), Map.of()), new SpringApplication()))
                .hasMessageContaining("kassa.connector.webhook.secret-file: cannot read the file").hasMessageContaining("missing");
    }
}
