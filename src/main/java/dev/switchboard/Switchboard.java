package dev.switchboard;

import dev.switchboard.admin.AdminRoute;
import dev.switchboard.admin.CatalogApi;
import dev.switchboard.admin.ManagementApi;
import dev.switchboard.admin.ModelsApi;
import dev.switchboard.api.InvocationApi;
import dev.switchboard.api.proxy.ProxyHandler;
import dev.switchboard.catalog.CatalogSource;
import dev.switchboard.catalog.ModelCatalog;
import dev.switchboard.catalog.ModelInfo;
import dev.switchboard.catalog.ProviderCatalog;
import dev.switchboard.config.BindingService;
import dev.switchboard.config.EndpointService;
import dev.switchboard.config.LiveConfig;
import dev.switchboard.config.ModelDefinitionService;
import dev.switchboard.config.ModelLimits;
import dev.switchboard.config.SecretService;
import dev.switchboard.config.SecretsStatus;
import dev.switchboard.core.ApiBasePolicy;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.ProviderRegistry;
import dev.switchboard.provider.Providers;
import dev.switchboard.provider.Timeouts;
import dev.switchboard.provider.Transport;
import dev.switchboard.routing.Dispatcher;
import dev.switchboard.routing.Invoker;
import dev.switchboard.server.GatewayServer;
import dev.switchboard.server.RequestGuard;
import dev.switchboard.server.ServerLimits;
import dev.switchboard.store.Database;
import dev.switchboard.store.EnvelopeCrypto;
import dev.switchboard.store.KekPassphrase;
import dev.switchboard.store.SqlConfigStore;
import dev.switchboard.usage.GatewayMetrics;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: the database, the key-encryption key, the services and the HTTP server, built
 * with plain constructors. Closing it stops the server (letting requests in flight finish), then
 * closes the database.
 */
public final class Switchboard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Switchboard.class);

    /** What {@code switchboard serve} is given; {@code env} is the process environment (or a test's). */
    public record Options(String host, int port, String db, Map<String, String> env, Optional<Path> catalogFile,
                          Optional<URI> catalogUrl) {
        public Options {
            env = Map.copyOf(env);
        }

        /** Options with the bundled catalog only. */
        public Options(String host, int port, String db, Map<String, String> env) {
            this(host, port, db, env, Optional.empty(), Optional.empty());
        }
    }

    private final Database database;
    private final SqlConfigStore store;
    private final Transport transport;
    private final GatewayServer server;

    private Switchboard(Database database, SqlConfigStore store, Transport transport, GatewayServer server) {
        this.database = database;
        this.store = store;
        this.transport = transport;
        this.server = server;
    }

    public static Switchboard start(Options options) {
        Database database = Database.open(options.db());
        try {
            KekPassphrase passphrase = KekPassphrase.resolve(options.env(), passphraseFile(database));
            EnvelopeCrypto crypto = new EnvelopeCrypto(EnvelopeCrypto.deriveKek(passphrase.passphrase(), passphrase.version()),
                    passphrase.version(), new SecureRandom());
            ApiBasePolicy apiBases = ApiBasePolicy.fromEnv(options.env());
            ModelCatalog models = modelCatalog(options, database);
            SqlConfigStore store = new SqlConfigStore(database, crypto, passphrase.isDefault());
            LiveConfig live = new LiveConfig(store, Timeouts.DEFAULT, outputLimits(models));
            InstantSource clock = InstantSource.system();
            Transport transport = new Transport(apiBases, Providers.builtInOrigins());
            ProviderRegistry registry = Providers.all(transport);
            ProviderCatalog providers = new ProviderCatalog(
                    registry.all().stream().map(Provider::id).collect(Collectors.toSet()),
                    ProviderCatalog.allowedProviders(options.env()));
            List<AdminRoute> discovery = new ArrayList<>(new CatalogApi(providers).routes());
            discovery.addAll(new ModelsApi(models).routes());
            ManagementApi management = new ManagementApi(new SecretService(live, clock, apiBases, providers),
                    new ModelDefinitionService(live, clock, providers), new EndpointService(live, clock),
                    new BindingService(live, clock), discovery);
            Dispatcher dispatcher = new Dispatcher(registry, new Invoker(ThreadLocalRandom::current));
            RequestGuard guard = RequestGuard.fromEnv(options.host(), options.env());
            GatewayServer server = GatewayServer.start(options.host(), options.port(),
                    ServerLimits.fromEnv(options.env()), management,
                    new InvocationApi(live::snapshot, dispatcher), new ProxyHandler(live::snapshot, dispatcher, transport),
                    new GatewayMetrics(), guard);
            LOG.info("Switchboard listening on http://{}:{}; database: {}; key-encryption passphrase: {}; {}",
                    options.host(), server.port(), database.describe(), passphrase.describe(), guard.describe());
            warnAbout(passphrase, store.secretsStatus());
            return new Switchboard(database, store, transport, server);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * The model catalog: the bundled set, plus a LiteLLM-format catalog from {@code --catalog-file}
     * or {@code --catalog-url} (cached beside the database), loaded in the background so start-up
     * does not wait for the network.
     */
    private static ModelCatalog modelCatalog(Options options, Database database) {
        Path cache = database.file().map(f -> f.resolveSibling("litellm-catalog.json"))
                .orElse(Path.of("litellm-catalog.json").toAbsolutePath());
        Optional<CatalogSource> source = options.catalogFile().map(CatalogSource::file)
                .or(() -> options.catalogUrl().map(url -> CatalogSource.url(url, cache)));
        ModelCatalog catalog = source.map(ModelCatalog::withSource).orElseGet(ModelCatalog::bundled);
        if (source.isPresent()) {
            Thread.ofVirtual().name("catalog-load").start(catalog::start);
        }
        return catalog;
    }

    /** What the catalog knows of each model: its output limit, and whether only the Responses API serves it. */
    private static ModelLimits outputLimits(ModelCatalog models) {
        return new ModelLimits() {
            @Override
            public OptionalInt maxOutputTokens(String provider, String model) {
                OptionalLong limit = models.find(provider, model).map(ModelInfo::maxOutputTokens)
                        .orElse(OptionalLong.empty());
                return limit.isPresent() ? OptionalInt.of((int) Math.min(limit.getAsLong(), Integer.MAX_VALUE))
                        : OptionalInt.empty();
            }

            @Override
            public boolean responsesOnly(String provider, String model) {
                return models.find(provider, model).flatMap(ModelInfo::mode).filter("responses"::equals).isPresent();
            }
        };
    }

    /** Where a generated passphrase is kept: beside the SQLite file, or in the working directory. */
    public static Path passphraseFile(Database database) {
        return database.file()
                .map(file -> file.resolveSibling(file.getFileName() + ".passphrase"))
                .orElse(Path.of("switchboard.passphrase").toAbsolutePath());
    }

    public int port() {
        return server.port();
    }

    public SecretsStatus secretsStatus() {
        return store.secretsStatus();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            transport.close();
            database.close();
        }
    }

    private static void warnAbout(KekPassphrase passphrase, SecretsStatus status) {
        if (passphrase.isDefault()) {
            LOG.warn("No SWITCHBOARD_KEK_PASSPHRASE is set, so provider keys are encrypted with a generated "
                    + "passphrase kept in {}. Anyone who can read that file and the database can read the keys: "
                    + "set SWITCHBOARD_KEK_PASSPHRASE and run `switchboard rotate-kek`.",
                    passphrase.file().map(Path::toString).orElse("a file"));
        }
        if (passphrase.insecurePermissions()) {
            LOG.warn("The passphrase file {} is readable by other users; restrict it with chmod 600.",
                    passphrase.file().map(Path::toString).orElse(""));
        }
        status.problem().ifPresent(problem -> LOG.error("Secrets unavailable: {}", problem));
    }
}
