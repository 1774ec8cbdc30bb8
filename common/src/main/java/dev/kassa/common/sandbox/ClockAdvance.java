package dev.kassa.common.sandbox;

import java.time.Duration;

/** The body of {@code POST /sandbox/clock/advance}: {@code {"seconds": N}}, N a whole number, not negative. */
public record ClockAdvance(Long seconds) {

    /** Reads and checks the body; bad input is an {@link AdminInputException} naming {@code seconds}. */
    public static Duration read(byte[] body) {
        ClockAdvance advance = AdminJson.read(body, ClockAdvance.class);
        if (advance.seconds() == null) {
            throw AdminInputException.of("seconds", "is required");
        }
        if (advance.seconds() < 0) {
            throw AdminInputException.of("seconds", "must not be negative: the sandbox clock only moves forward");
        }
        return Duration.ofSeconds(advance.seconds());
    }
}
