package io.chameleon.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox settings, read from system properties first and environment variables second.
 * Each setting {@code chameleon.sandbox.x.y} has the environment name
 * {@code CHAMELEON_SANDBOX_X_Y}.
 */
final class SandboxConfig {

    /** Selects the provider: {@code embedded} (default), {@code containers} or {@code external}. */
    static final String PROVIDER = "chameleon.sandbox";
    /** External provider: source URL, e.g. {@code jdbc:mariadb://db:3306/}. */
    static final String SOURCE_URL = "chameleon.sandbox.source.url";
    /** External provider: source user. */
    static final String SOURCE_USER = "chameleon.sandbox.source.user";
    /** External provider: source password. */
    static final String SOURCE_PASSWORD = "chameleon.sandbox.source.password";
    /** External provider: PostgreSQL URL, e.g. {@code jdbc:postgresql://pg:5432/postgres}. */
    static final String POSTGRES_URL = "chameleon.sandbox.postgres.url";
    /** External provider: PostgreSQL user. */
    static final String POSTGRES_USER = "chameleon.sandbox.postgres.user";
    /** External provider: PostgreSQL password. */
    static final String POSTGRES_PASSWORD = "chameleon.sandbox.postgres.password";

    /** The valid provider names, the default first. */
    static final List<String> PROVIDERS =
            List.of(EmbeddedProvider.NAME, ContainersProvider.NAME, ExternalProvider.NAME);

    private final Map<String, String> properties;
    private final Map<String, String> environment;

    private SandboxConfig(Map<String, String> properties, Map<String, String> environment) {
        this.properties = Map.copyOf(properties);
        this.environment = Map.copyOf(environment);
    }

    /**
     * Settings from explicit maps, for tests.
     *
     * @param properties stand-in for the system properties
     * @param environment stand-in for the environment
     * @return the settings
     */
    static SandboxConfig of(Map<String, String> properties, Map<String, String> environment) {
        return new SandboxConfig(properties, environment);
    }

    /**
     * Settings from this JVM's system properties and environment.
     *
     * @return the settings
     */
    static SandboxConfig fromSystem() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((key, value) -> {
            if (key instanceof String name && name.startsWith(PROVIDER) && value instanceof String text) {
                properties.put(name, text);
            }
        });
        Map<String, String> environment = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith(envName(PROVIDER))) {
                environment.put(name, value);
            }
        });
        return new SandboxConfig(properties, environment);
    }

    /**
     * The environment variable that stands for a setting.
     *
     * @param key e.g. {@code chameleon.sandbox.source.url}
     * @return e.g. {@code CHAMELEON_SANDBOX_SOURCE_URL}
     */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /**
     * A setting, from the system property if set, else from the environment variable.
     *
     * @param key the property name
     * @return the value, if either is set
     */
    Optional<String> value(String key) {
        String value = properties.get(key);
        if (value == null) {
            value = environment.get(envName(key));
        }
        return Optional.ofNullable(value);
    }

    /**
     * The chosen provider's name.
     *
     * @return one of {@link #PROVIDERS}; {@code embedded} when nothing is set
     * @throws SandboxStartException if the name is not one of them
     */
    String providerName() {
        // Maven passes the property through blank when nothing chose a provider: then the
        // environment variable decides
        String property = properties.get(PROVIDER);
        String raw = (property == null || property.isBlank()
                ? Optional.ofNullable(environment.get(envName(PROVIDER)))
                : Optional.of(property)).map(String::strip).orElse("");
        if (raw.isEmpty()) {
            return EmbeddedProvider.NAME;
        }
        String name = raw.toLowerCase(Locale.ROOT);
        if (!PROVIDERS.contains(name)) {
            String origin = properties.containsKey(PROVIDER)
                    ? "system property " + PROVIDER
                    : "environment variable " + envName(PROVIDER);
            throw new SandboxStartException("Unknown sandbox provider '" + raw + "' (from " + origin
                    + "). Valid providers: " + String.join(", ", PROVIDERS) + " (default "
                    + EmbeddedProvider.NAME + ").");
        }
        return name;
    }

    /**
     * The chosen provider.
     *
     * @return a provider ready to start
     * @throws SandboxStartException if the provider is unknown or its settings are incomplete
     */
    SandboxProvider provider() {
        return switch (providerName()) {
            case ContainersProvider.NAME -> new ContainersProvider();
            case ExternalProvider.NAME -> new ExternalProvider(external());
            default -> new EmbeddedProvider();
        };
    }

    /**
     * The external provider's settings, all of them.
     *
     * @return the settings
     * @throws SandboxStartException listing every missing setting at once
     */
    External external() {
        List<String> missing = new ArrayList<>();
        String sourceUrl = required(SOURCE_URL, missing, false);
        String sourceUser = required(SOURCE_USER, missing, false);
        String sourcePassword = required(SOURCE_PASSWORD, missing, true);
        String postgresUrl = required(POSTGRES_URL, missing, false);
        String postgresUser = required(POSTGRES_USER, missing, false);
        String postgresPassword = required(POSTGRES_PASSWORD, missing, true);
        if (!missing.isEmpty()) {
            throw new SandboxStartException("Sandbox provider 'external' is missing " + missing.size()
                    + " setting(s): " + String.join(", ", missing) + ". Set each as a system property"
                    + " (-Dname=value) or as the environment variable in brackets; or choose another"
                    + " provider with -D" + PROVIDER + "=" + EmbeddedProvider.NAME + " or "
                    + ContainersProvider.NAME + ".");
        }
        return new External(sourceUrl, sourceUser, sourcePassword, postgresUrl, postgresUser,
                postgresPassword);
    }

    /** A setting's value; records it as missing when unset (or blank, unless a password). */
    private String required(String key, List<String> missing, boolean mayBeEmpty) {
        Optional<String> value = value(key).map(v -> mayBeEmpty ? v : v.strip());
        if (value.isEmpty() || (!mayBeEmpty && value.get().isEmpty())) {
            missing.add(key + " (" + envName(key) + ")");
            return null;
        }
        return value.get();
    }

    /**
     * The external provider's settings. {@link #toString()} hides the passwords.
     *
     * @param sourceUrl e.g. {@code jdbc:mariadb://db:3306/}
     * @param sourceUser source account
     * @param sourcePassword its password
     * @param postgresUrl e.g. {@code jdbc:postgresql://pg:5432/postgres}
     * @param postgresUser PostgreSQL account
     * @param postgresPassword its password
     */
    record External(String sourceUrl, String sourceUser, String sourcePassword, String postgresUrl,
            String postgresUser, String postgresPassword) {

        @Override
        public String toString() {
            return "External[source=" + Secrets.maskUrl(sourceUrl) + " user=" + sourceUser
                    + " password=" + Secrets.MASK + ", postgres=" + Secrets.maskUrl(postgresUrl)
                    + " user=" + postgresUser + " password=" + Secrets.MASK + "]";
        }
    }
}
