package dev.switchboard.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a full LiteLLM-format catalog comes from: a local file ({@code --catalog-file PATH}) or a URL
 * ({@code --catalog-url URL}, normally {@link #LITELLM_URL}). A URL is fetched with a timeout and, once
 * it parses, copied to a cache file, so a restart without network still has the last good copy.
 * Safe to use from several threads; {@link ModelCatalog} serialises its own reloads.
 */
public final class CatalogSource {

    /** LiteLLM's public catalog, the documented value for {@code --catalog-url}. */
    public static final String LITELLM_URL =
            "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json";
    /** How long a fetch may take in all, from connecting to the last byte. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The largest catalog accepted; LiteLLM's was about 1.5 MB in 2026. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(CatalogSource.class);

    /** A catalog read from this source: its models, its malformed entries and where it came from. */
    public record Loaded(List<ModelInfo> models, List<String> malformed, String origin) {
        public Loaded {
            models = List.copyOf(models);
            malformed = List.copyOf(malformed);
        }
    }

    private final Optional<Path> file;
    private final Optional<URI> url;
    private final Optional<Path> cacheFile;
    private final Duration timeout;
    private final HttpClient client;

    private CatalogSource(Optional<Path> file, Optional<URI> url, Optional<Path> cacheFile, Duration timeout) {
        this.file = file;
        this.url = url;
        this.cacheFile = cacheFile;
        this.timeout = timeout;
        this.client = url.isEmpty() ? null : HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** A catalog file on this machine, read again on every load. */
    public static CatalogSource file(Path path) {
        return new CatalogSource(Optional.of(path), Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT);
    }

    /** A catalog fetched from {@code url} (http or https), cached at {@code cacheFile}. */
    public static CatalogSource url(URI url, Path cacheFile) {
        return url(url, cacheFile, DEFAULT_TIMEOUT);
    }

    public static CatalogSource url(URI url, Path cacheFile, Duration timeout) {
        Objects.requireNonNull(cacheFile, "cacheFile");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("The catalog URL must be an http or https URL");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The catalog fetch timeout must be positive");
        }
        return new CatalogSource(Optional.empty(), Optional.of(url), Optional.of(cacheFile), timeout);
    }

    /** The file path, or the URL without credentials or query, for logs and API answers. */
    public String description() {
        return file.map(Path::toString).orElseGet(() -> {
            URI u = url.orElseThrow();
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        });
    }

    /**
     * Reads the file or fetches the URL now and parses it; a URL's good copy replaces the cache file.
     *
     * @throws CatalogSourceException if the source is unreachable, unreadable or malformed
     */
    public Loaded load() {
        if (file.isPresent()) {
            return parse(readFile(file.get()), description());
        }
        byte[] bytes = fetch();
        Loaded loaded = parse(bytes, description());
        writeCache(bytes);
        return loaded;
    }

    /**
     * What to use at start: {@link #load()}, or for a URL that fails, the cached copy from an earlier
     * run. Throws only when neither works, with both reasons.
     */
    public Loaded loadAtStartup() {
        try {
            return load();
        } catch (CatalogSourceException fresh) {
            if (cacheFile.isEmpty() || !Files.exists(cacheFile.get())) {
                throw fresh;
            }
            LOG.warn("{}; using the cached copy {}", fresh.getMessage(), cacheFile.get());
            try {
                return parse(readFile(cacheFile.get()), "cache " + cacheFile.get() + " of " + description());
            } catch (CatalogSourceException cached) {
                throw new CatalogSourceException(fresh.getMessage() + "; the cached copy is unusable too: "
                        + cached.getMessage(), fresh);
            }
        }
    }

    private Loaded parse(byte[] bytes, String origin) {
        CatalogLoader.Parsed parsed;
        try {
            parsed = CatalogLoader.parse(bytes);
        } catch (CatalogSourceException e) {
            throw new CatalogSourceException("Could not use the model catalog from " + origin + ": " + e.getMessage(), e);
        }
        return new Loaded(parsed.models(), parsed.malformed(), origin);
    }

    /** Replaces the cache file atomically; called only with bytes that parsed. */
    private void writeCache(byte[] bytes) {
        Path target = cacheFile.orElseThrow();
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, target.getFileName().toString(), ".tmp");
            try {
                Files.write(temp, bytes);
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            LOG.warn("Could not write the catalog cache {}: {}; the catalog is in use, but a restart without"
                    + " network will not find it", target, e.toString());
        }
    }

    private static byte[] readFile(Path path) {
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new CatalogSourceException("The model catalog " + path + " is larger than " + MAX_BYTES + " bytes");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CatalogSourceException("The model catalog file " + path + " does not exist");
        } catch (IOException e) {
            throw new CatalogSourceException("Could not read the model catalog file " + path + ": " + e, e);
        }
    }

    private byte[] fetch() {
        HttpRequest request = HttpRequest.newBuilder(url.orElseThrow())
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        // The request timeout covers only the wait for headers, so the whole fetch runs under a deadline.
        // Cancelling interrupts the fetching thread, which aborts the exchange and releases the connection.
        FutureTask<byte[]> body = new FutureTask<>(() -> send(request));
        Thread.ofVirtual().name("catalog-fetch").start(body);
        try {
            return body.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            body.cancel(true);
            throw tookTooLong();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CatalogSourceException failure) {
                throw failure;
            }
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                // The client's own wait for headers ran out first (it has the same length as the deadline).
                throw tookTooLong();
            }
            throw new CatalogSourceException("Could not fetch the model catalog from " + description() + ": "
                    + reason(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            body.cancel(true);
            Thread.currentThread().interrupt();
            throw new CatalogSourceException("Interrupted while fetching the model catalog from " + description());
        }
    }

    private CatalogSourceException tookTooLong() {
        return new CatalogSourceException("Fetching the model catalog from " + description()
                + " took longer than " + timeout.toMillis() + " ms");
    }

    private static String reason(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        return failure.getMessage() == null || failure.getMessage().isBlank() ? name : name + " (" + failure.getMessage() + ")";
    }

    private byte[] send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new CatalogSourceException("Fetching the model catalog from " + description()
                        + " answered HTTP " + response.statusCode());
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES + 1));
            if (bytes.length > MAX_BYTES) {
                throw new CatalogSourceException("The model catalog at " + description() + " is larger than "
                        + MAX_BYTES + " bytes");
            }
            return bytes;
        }
    }
}
