package io.gennas4j.task;

/** A task configuration that is malformed or out of range; the message says where and what to write. */
public class InvalidTaskConfigException extends IllegalArgumentException {

    public InvalidTaskConfigException(String message) {
        super(message);
    }

    public InvalidTaskConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
