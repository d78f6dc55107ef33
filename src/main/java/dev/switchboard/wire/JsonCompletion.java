package dev.switchboard.wire;

/**
 * Follows a JSON text fed in pieces (a streamed tool call's arguments), string- and escape-aware, to
 * see where its top-level object or array closes, after which no more of it can come. Not
 * thread-safe: one per text.
 */
public final class JsonCompletion {

    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean whole;

    /** Reads the next piece of the text. */
    public void feed(String json) {
        for (int i = 0; i < json.length() && !whole; i++) {
            char c = json.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                whole = true;
            }
        }
    }

    /** Whether the top-level object or array has closed. */
    public boolean whole() {
        return whole;
    }
}
