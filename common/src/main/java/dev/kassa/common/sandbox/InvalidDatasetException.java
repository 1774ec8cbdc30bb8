package dev.kassa.common.sandbox;

import java.util.List;

/** A dataset that cannot be loaded; carries every problem found, not only the first. */
public final class InvalidDatasetException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidDatasetException(List<FieldError> errors) {
        super(errors.size() + " problem(s) in the dataset, first: " + errors.getFirst().field() + ": "
                + errors.getFirst().message());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
