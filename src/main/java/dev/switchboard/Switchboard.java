package dev.switchboard;

import dev.switchboard.access.AccessControl;
import dev.switchboard.access.AccessSettings;
import dev.switchboard.admin.AdminRoute;
import dev.switchboard.admin.BudgetsApi;
import dev.switchboard.admin.RateLimitsApi;
import dev.switchboard.admin.CatalogApi;
import dev.switchboard.admin.ManagementApi;
import dev.switchboard.admin.ModelsApi;
import dev.switchboard.admin.TargetsApi;
import dev.switchboard.admin.UsageApi;
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
import dev.switchboard.core.GatewayException;
import dev.switchboard.limits.BudgetAlerts;
import dev.switchboard.limits.BudgetService;
import dev.switchboard.limits.BudgetTargets;
import dev.switchboard.limits.Budgets;
import dev.switchboard.limits.Limits;
import dev.switchboard.limits.RateLimitService;
import dev.switchboard.limits.RateLimits;
import dev.switchboard.limits.SharedCounts;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.ProviderRegistry;
import dev.switchboard.provider.Providers;
import dev.switchboard.provider.Timeouts;
import dev.switchboard.provider.Transport;
import dev.switchboard.routing.Cooldowns;
import dev.switchboard.routing.Dispatcher;
import dev.switchboard.routing.Invoker;
import dev.switchboard.routing.UpstreamAnswers;
import dev.switchboard.server.GatewayServer;
import dev.switchboard.server.RequestGuard;
import dev.switchboard.server.ServerLimits;
import dev.switchboard.store.ChangeWatcher;
import dev.switchboard.store.Database;
import dev.switchboard.store.EnvelopeCrypto;
import dev.switchboard.store.KekPassphrase;
import dev.switchboard.store.SqlAccessStore;
import dev.switchboard.store.SqlBudgetStore;
import dev.switchboard.store.SqlRateLimitStore;
import dev.switchboard.store.SqlConfigStore;
import dev.switchboard.store.SqlUsageStore;
import dev.switchboard.telemetry.Tracing;
import dev.switchboard.usage.GatewayMetrics;
import dev.switchboard.usage.Pricer;
import dev.switchboard.usage.UsageRecorder;
import dev.switchboard.usage.UsageReports;
import dev.switchboard.usage.UsageSettings;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
                          Optional<URI> catalogUrl, Optional<String> auth) {
        public Options {
            env = Map.copyOf(env);
        }

        /** Options with the bundled catalog only, authentication as the environment says. */
        public Options(String host, int port, String db, Map<String, String> env) {
            this(host, port, db, env, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** The environment variable that sets the initial admin's password on the first start. */
    public static final String ADMIN_PASSWORD_ENV = "SWITCHBOARD_ADMIN_PASSWORD";
    public static final String SYNC_INTERVAL_ENV = "SWITCHBOARD_SYNC_INTERVAL";

    private final Database database;
    private final SqlConfigStore store;
    private final Transport transport;
    private final AccessControl access;
    private final UsageRecorder usage;
    private final Tracing tracing;
    private final GatewayServer server;
    private final ChangeWatcher watcher;
    private final Limits limits;

    private Switchboard(Database database, SqlConfigStore store, Transport transport, AccessControl access,
                        UsageRecorder usage, Tracing tracing, GatewayServer server, ChangeWatcher watcher,
                        Limits limits) {
        this.watcher = watcher;
        this.limits = limits;
        this.database = database;
        this.store = store;
        this.transport = transport;
        this.access = access;
        this.usage = usage;
        this.tracing = tracing;
        this.server = server;
    }

    public static Switchboard start(Options options) {
        AccessSettings accessSettings = AccessSettings.fromEnv(options.env(), options.auth());
        if (!accessSettings.enabled() && !RequestGuard.loopbackOnly(options.host())) {
            throw new IllegalArgumentException("Authentication can be turned off only when the gateway listens on "
                    + "loopback alone (127.0.0.1, ::1 or localhost), not on " + options.host());
        }
        Database database = Database.open(options.db());
        AccessControl access = null;
        UsageRecorder usage = null;
        ChangeWatcher watcher = null;
        Limits limits = null;
        Tracing tracing = Tracing.OFF;
        try {
            tracing = Tracing.fromEnv(options.env());
            KekPassphrase passphrase = KekPassphrase.resolve(options.env(), passphraseFile(database));
            EnvelopeCrypto crypto = new EnvelopeCrypto(EnvelopeCrypto.deriveKek(passphrase.passphrase(), passphrase.version()),
                    passphrase.version(), new SecureRandom());
            Optional<KekPassphrase> next = KekPassphrase.next(options.env(), passphrase.version());
            if (next.isPresent()) {
                crypto = crypto.rotatingTo(new EnvelopeCrypto(EnvelopeCrypto.deriveKek(next.get().passphrase(),
                        next.get().version()), next.get().version(), new SecureRandom()));
            }
            ApiBasePolicy apiBases = ApiBasePolicy.fromEnv(options.env());
            ModelCatalog models = modelCatalog(options, database);
            SqlConfigStore store = new SqlConfigStore(database, crypto, passphrase.isDefault());
            LiveConfig live = new LiveConfig(store, Timeouts.DEFAULT, outputLimits(models));
            InstantSource clock = InstantSource.system();
            Transport transport = new Transport(apiBases, Providers.builtInOrigins(), tracing.upstream());
            ProviderRegistry registry = Providers.all(transport);
            ProviderCatalog providers = new ProviderCatalog(
                    registry.all().stream().map(Provider::id).collect(Collectors.toSet()),
                    ProviderCatalog.allowedProviders(options.env()));
            List<AdminRoute> discovery = new ArrayList<>(new CatalogApi(providers).routes());
            discovery.addAll(new ModelsApi(models).routes());
            SecretService secrets = new SecretService(live, clock, apiBases, providers);
            ModelDefinitionService definitions = new ModelDefinitionService(live, clock, providers);
            EndpointService endpoints = new EndpointService(live, clock);
            access = new AccessControl(new SqlAccessStore(database), accessSettings, clock,
                    resourceNames(secrets, definitions, endpoints));
            Optional<Path> generatedPassword = InitialAdmin.create(access, options.env(), database);
            GatewayMetrics metrics = new GatewayMetrics();
            SqlUsageStore usageStore = new SqlUsageStore(database);
            usage = new UsageRecorder(metrics, new Pricer(models), usageStore, UsageSettings.fromEnv(options.env()),
                    clock);
            discovery.addAll(new UsageApi(new UsageReports(usageStore), live::snapshot).routes());
            SharedCounts.Settings sharing = SharedCounts.Settings.of(database.dialect() == Database.Dialect.POSTGRESQL);
            BudgetService.Targets targets = BudgetTargets.of(live::snapshot, access);
            SqlBudgetStore budgetStore = new SqlBudgetStore(database, crypto);
            Budgets budgets = new Budgets(budgetStore, new BudgetAlerts(budgetStore::webhookSecret, apiBases), clock,
                    sharing);
            discovery.addAll(new BudgetsApi(new BudgetService(budgetStore, budgets, targets, apiBases, clock)).routes());
            SqlRateLimitStore rateLimitStore = new SqlRateLimitStore(database);
            try {
                limits = new Limits(budgets, new RateLimits(rateLimitStore, clock, sharing));
            } catch (RuntimeException e) {
                limits.close();
                throw e;
            }
            Limits started = limits;
            discovery.addAll(new RateLimitsApi(new RateLimitService(rateLimitStore, started.rateLimits(), targets, clock))
                    .routes());
            Cooldowns cooldowns = new Cooldowns(Cooldowns.Settings.fromEnv(options.env()), (target, cooling) ->
                    metrics.targetCooling(target.definitionId(), target.provider(), target.modelName(), cooling));
            discovery.addAll(new TargetsApi(() -> cooldowns.states().stream()
                    .map(t -> new TargetsApi.TargetStatus(t.definitionId(), t.provider(), t.modelName(),
                            t.phase().name().toLowerCase(Locale.ROOT), t.consecutiveFailures(),
                            t.coolingUntilMillis() == 0 ? null : t.coolingUntilMillis()))
                    .toList()).routes());
            ManagementApi management = new ManagementApi(secrets, definitions, endpoints, new BindingService(live, clock),
                    access, discovery);
            Dispatcher dispatcher = new Dispatcher(registry, new Invoker(ThreadLocalRandom::current,
                    tracing.observe(new UpstreamAnswers(metrics::upstreamAnswer)), Invoker.Pause.SLEEP, cooldowns));
            watcher = ChangeWatcher.start(database, syncInterval(options.env()), () -> live.snapshot().version(),
                    () -> {
                        live.refresh();
                        started.reload();
                    }, access::reload);
            metrics.databaseDegraded(watcher::degraded);
            RequestGuard guard = RequestGuard.fromEnv(options.host(), options.env());
            GatewayServer server = GatewayServer.start(options.host(), options.port(),
                    ServerLimits.fromEnv(options.env()), management,
                    new InvocationApi(live::snapshot, dispatcher, started),
                    new ProxyHandler(live::snapshot, dispatcher, transport, started), usage, tracing, guard, access,
                    started);
            server.reportDegradedWhen(watcher::degraded);
            LOG.info("Switchboard listening on http://{}:{}; database: {}; key-encryption passphrase: {}; {}; {}; {}",
                    options.host(), server.port(), database.describe(), passphrase.describe()
                            + next.map(n -> ", rotating to version " + n.version() + " (" + n.describe() + ")").orElse(""),
                    guard.describe(),
                    accessSettings.enabled() ? "authentication on" : "AUTHENTICATION OFF",
                    tracing == Tracing.OFF ? "traces off" : "traces on (OTEL_*)");
            warnAbout(passphrase, store.secretsStatus());
            generatedPassword.ifPresent(file -> LOG.warn("Created the user 'admin'; its password is in {} (readable "
                    + "only by you). Sign in with it, then change it, or set {} before the first start.", file,
                    ADMIN_PASSWORD_ENV));
            if (!accessSettings.enabled()) {
                LOG.warn("Authentication is off: anyone who can reach this port can change the configuration and "
                        + "spend the provider keys. Turn it on before sharing the gateway.");
            }
            return new Switchboard(database, store, transport, access, usage, tracing, server, watcher, limits);
        } catch (RuntimeException e) {
            if (watcher != null) {
                watcher.close();
            }
            if (limits != null) {
                limits.close();
            }
            tracing.close();
            if (usage != null) {
                usage.close();
            }
            if (access != null) {
                access.close();
            }
            database.close();
            throw e;
        }
    }

    /** Names of configured resources, for the permission and key routes to check ids against. */
    private static AccessControl.Resources resourceNames(SecretService secrets, ModelDefinitionService definitions,
                                                         EndpointService endpoints) {
        return (kind, id) -> {
            try {
                return Optional.of(switch (kind) {
                    case ENDPOINT -> endpoints.get(Optional.of(id), Optional.empty()).name();
                    case SECRET -> secrets.get(Optional.of(id), Optional.empty()).name();
                    case MODEL_DEFINITION -> definitions.get(Optional.of(id), Optional.empty()).name();
                });
            } catch (GatewayException.NotFound e) {
                return Optional.empty();
            }
        };
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

    /**
     * Where a generated passphrase is kept: beside the SQLite file. A shared database (PostgreSQL)
     * has none: its replicas must all use one passphrase, which only the environment can give them.
     */
    public static Optional<Path> passphraseFile(Database database) {
        return database.file().map(file -> file.resolveSibling(file.getFileName() + ".passphrase"));
    }

    public int port() {
        return server.port();
    }

    /** Every route the gateway answers, with what each requires of its caller. */
    public List<GatewayServer.MountedRoute> routes() {
        return server.routes();
    }

    /** The usage recorder: its metrics, and {@link UsageRecorder#flush} for tests. */
    public UsageRecorder usage() {
        return usage;
    }

    public SecretsStatus secretsStatus() {
        return store.secretsStatus();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            usage.close();
            limits.close();
            // After the server: the calls it let finish have ended their spans, which go out now.
            tracing.close();
            transport.close();
            access.close();
            watcher.close();
            database.close();
        }
    }

    /**
     * How often a replica reads the change counters ({@code SWITCHBOARD_SYNC_INTERVAL}, 2 s by
     * default): the longest another replica's change takes to arrive when a notification is lost,
     * and the only way it arrives on SQLite shared by several processes.
     */
    private static Duration syncInterval(Map<String, String> env) {
        Duration interval = ServerLimits.durationFromEnv(env, SYNC_INTERVAL_ENV, Duration.ofSeconds(2));
        if (!interval.isPositive()) {
            throw new IllegalArgumentException(SYNC_INTERVAL_ENV + " must be positive; got "
                    + env.get(SYNC_INTERVAL_ENV));
        }
        return interval;
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
