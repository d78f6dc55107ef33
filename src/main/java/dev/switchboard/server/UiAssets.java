package dev.switchboard.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web UI's files, built by Vite into the jar under {@code ui/}: {@code index.html} at {@code /}
 * and the content-hashed files under {@code /assets/}. Files are read once and kept in memory (the
 * whole UI is a few hundred kilobytes).
 */
final class UiAssets {

    /** A file to send: its bytes, content type and cache policy. */
    record Asset(byte[] bytes, String contentType, String cacheControl) { }

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2",
            "json", "application/json");

    private final String root;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    UiAssets(String root) {
        this.root = root;
    }

    /** The page itself: always revalidated, so a new build is picked up at once. */
    Optional<Asset> index() {
        return load("index.html", "no-cache");
    }

    /** A file under assets/; Vite puts a content hash in each name, so they never change. */
    Optional<Asset> asset(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return load("assets/" + name, "public, max-age=31536000, immutable");
    }

    /** Files that exist are kept; names that do not are not remembered, so requests cannot grow the cache. */
    private Optional<Asset> load(String path, String cacheControl) {
        Asset cached = cache.get(path);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Asset> read = read(path, cacheControl);
        read.ifPresent(asset -> cache.putIfAbsent(path, asset));
        return read;
    }

    private Optional<Asset> read(String path, String cacheControl) {
        try (InputStream in = UiAssets.class.getClassLoader().getResourceAsStream(root + "/" + path)) {
            if (in == null) {
                return Optional.empty();
            }
            String extension = path.substring(path.lastIndexOf('.') + 1);
            return Optional.of(new Asset(in.readAllBytes(), TYPES.getOrDefault(extension, "application/octet-stream"),
                    cacheControl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
