package dev.kassa.centara.api;

import java.util.List;

/**
 * A call to Centara that did not succeed. {@code status} is the HTTP status (0: no answer);
 * {@code outcomeUnknown} says the call may or may not have taken effect; {@code errors} are the fields
 * Centara named in a 400 answer ({@code Items[1].ItemId} …).
 */
public class CentaraException extends RuntimeException {

    /** One problem Centara found with the request. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final boolean outcomeUnknown;
    private final List<FieldError> errors;

    CentaraException(String message, int status, boolean outcomeUnknown, List<FieldError> errors, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.outcomeUnknown = outcomeUnknown;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
