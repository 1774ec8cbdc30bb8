package dev.kassa.connector.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A connector that refuses its configuration says so in a few lines (Spring Boot's "APPLICATION FAILED TO
 * START" report: every problem by setting, and what to do), not in a stack trace.
 */
class InvalidConfigurationAnalyzer extends AbstractFailureAnalyzer<ConnectorConfig.InvalidConfiguration> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConnectorConfig.InvalidConfiguration cause) {
        return new FailureAnalysis(cause.getMessage(), "Fix the settings named above (kassa.connector.*, in application.yaml,"
                + " the file given with --config, the environment or --name=value options); kassa connector --help lists"
                + " them, and the README's \"Connector\" shows a complete example.", cause);
    }
}
