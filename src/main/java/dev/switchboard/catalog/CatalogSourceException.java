package dev.switchboard.catalog;

/**
 * A model catalog could not be read, fetched or parsed. The message says which source and why, in
 * words safe to log and to show an operator; the catalog in use is never changed by this failure.
 */
public final class CatalogSourceException extends RuntimeException {

    public CatalogSourceException(String message) {
        super(message);
    }

    public CatalogSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
