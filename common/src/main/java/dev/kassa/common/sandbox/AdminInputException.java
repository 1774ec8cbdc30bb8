package dev.kassa.common.sandbox;

import java.util.List;

/** Bad input to an admin operation, answered with 400 problem details listing the fields. */
public final class AdminInputException extends RuntimeException {

    private final List<FieldError> errors;

    public AdminInputException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public static AdminInputException of(String field, String message) {
        return new AdminInputException("The request was not applied; nothing changed.",
                List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
