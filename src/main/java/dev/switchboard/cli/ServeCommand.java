package dev.switchboard.cli;

import dev.switchboard.Switchboard;
import dev.switchboard.catalog.CatalogSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard serve}: runs the gateway until SIGTERM or Ctrl-C, then shuts down gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the gateway.")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--host", defaultValue = "${env:SWITCHBOARD_HOST:-127.0.0.1}",
            description = "Address to listen on (env SWITCHBOARD_HOST; default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:SWITCHBOARD_PORT:-5000}",
            description = "Port to listen on; 0 picks a free one (env SWITCHBOARD_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--db", defaultValue = "${env:SWITCHBOARD_DB:-switchboard.db}",
            description = "SQLite file path or jdbc:postgresql: URL (env SWITCHBOARD_DB; default ${DEFAULT-VALUE}).")
    String db;

    @Option(names = "--catalog-file", description = "A model catalog in LiteLLM's model_prices_and_context_window.json "
            + "format, added to the bundled one.")
    java.nio.file.Path catalogFile;

    @Option(names = "--catalog-url", description = "Fetch the catalog from this URL at start and on "
            + "POST .../catalog/refresh, caching it beside the database; e.g. " + CatalogSource.LITELLM_URL)
    java.net.URI catalogUrl;

    @Option(names = "--auth", description = "on (the default) or off. Off is refused unless --host is loopback; "
            + "it lets anyone who reaches the port do anything (env SWITCHBOARD_AUTH).")
    String auth;

    @Override
    public Integer call() {
        if (catalogFile != null && catalogUrl != null) {
            LOG.error("Give --catalog-file or --catalog-url, not both");
            return 2;
        }
        Switchboard gateway;
        try {
            gateway = Switchboard.start(new Switchboard.Options(host, port, db, System.getenv(),
                    java.util.Optional.ofNullable(catalogFile), java.util.Optional.ofNullable(catalogUrl),
                    java.util.Optional.ofNullable(auth)));
        } catch (RuntimeException e) {
            LOG.error("Switchboard could not start: {}", StartupErrors.describe(e));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down: finishing requests in flight");
            gateway.close();
            stopped.countDown();
        }, "switchboard-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
