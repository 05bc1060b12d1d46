package io.gennas4j.space;

/** An architecture encoding that cannot be parsed or describes an invalid network. */
public class InvalidArchitectureException extends IllegalArgumentException {

    public InvalidArchitectureException(String message) {
        super(message);
    }
}
