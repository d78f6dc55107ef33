package dev.switchboard.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson set up for a server on virtual threads. Jackson's default keeps a buffer recycler (about
 * 26 KB of byte and char buffers) per thread; with a virtual thread per request, every open stream
 * would hold its own. A shared pool keeps only as many as are in use at once.
 */
public final class Json {

    private static final ObjectMapper SHARED = mapper();

    private Json() {
    }

    /** One mapper with Jackson's default settings, for the codecs to read and write trees with. */
    public static ObjectMapper shared() {
        return SHARED;
    }

    /** A factory whose parsers and generators borrow buffers from one shared pool. */
    public static JsonFactory factory() {
        return JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();
    }

    /** A mapper builder on {@link #factory()}. */
    public static JsonMapper.Builder builder() {
        return JsonMapper.builder(factory());
    }

    /** A mapper with Jackson's default settings on {@link #factory()}. */
    public static ObjectMapper mapper() {
        return builder().build();
    }
}
