package dev.kassa.common.sandbox;

/** One problem with an input document: where it is ({@code products[0].variants[1].sizes[0].ean}) and what. */
public record FieldError(String field, String message) {
}
