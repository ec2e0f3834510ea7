package org.osc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code oscctl}: the root command. Holds the connection and output options every subcommand inherits, and
 * turns every failure into one {@code error:} line on stderr and a documented exit code.
 */
@Command(name = "oscctl", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class, usageHelpWidth = 100, sortOptions = false,
        description = { "The command-line client of the OSC REST API, for operators writing scripts.",
            "Connection: --url/--user/--password (or --api-token), else OSC_URL (default " + Connection.DEFAULT_URL
                    + "), OSC_USER and OSC_PASSWORD (or OSC_TOKEN), else the config file (url=, user=, password=, "
                    + "token=).",
            "Trust: the JDK's trust store, plus --cacert FILE (OSC_CACERT, cacert=); or a pinned certificate "
                    + "fingerprint (--pin, OSC_PIN, pin=; 'oscctl trust' saves it); --insecure checks nothing." },
        subcommands = { GetCommand.class, ListCommand.class, CreateCommand.class, UpdateCommand.class, SetCommand.class,
            DeleteCommand.class,
            SyncCommand.class, JobsCommand.class, JobCommand.class, PluginsCommand.class, RotateKeyCommand.class,
            SecretKeysCommand.class, TokensCommand.class, AuditCommand.class, TrustCommand.class, CompletionCommand.class,
            CommandLine.HelpCommand.class },
        footer = { "%nExample:%n  export OSC_USER=admin OSC_PASSWORD=...%n  oscctl list vc%n"
                + "  oscctl sync mc manager-1 --wait", ExitCodes.TABLE })
public final class Main implements Runnable {

    @Option(names = "--url", scope = ScopeType.INHERIT, order = 200, paramLabel = "URL",
            description = "The server, e.g. https://127.0.0.1:8090 (env OSC_URL).")
    String url;

    @Option(names = "--user", scope = ScopeType.INHERIT, order = 201, paramLabel = "NAME",
            description = "User (env OSC_USER).")
    String user;

    @Option(names = "--password", scope = ScopeType.INHERIT, order = 202, paramLabel = "PASSWORD",
            description = "Password (env OSC_PASSWORD; prefer it or the config file: flags show in ps).")
    String password;

    @Option(names = "--api-token", scope = ScopeType.INHERIT, order = 203, paramLabel = "TOKEN",
            description = "API token, sent instead of user and password (env OSC_TOKEN; prefer it: flags show in ps).")
    String token;

    @Option(names = "--config", scope = ScopeType.INHERIT, order = 204, paramLabel = "FILE",
            description = "Config file (default ~/.config/oscctl/config.properties).")
    Path config;

    @Option(names = "--cacert", scope = ScopeType.INHERIT, order = 206, paramLabel = "FILE",
            description = "PEM certificate(s) to trust besides the JDK's, e.g. a server's data/tls/server.crt "
                    + "(env OSC_CACERT).")
    String cacert;

    @Option(names = "--pin", scope = ScopeType.INHERIT, order = 207, paramLabel = "SHA256",
            description = "Trust only a server certificate with this SHA-256 fingerprint (env OSC_PIN; "
                    + "'oscctl trust' saves it).")
    String pin;

    @Option(names = "--insecure", scope = ScopeType.INHERIT, order = 208,
            description = "Do not check the server's certificate at all (a warning is printed; env OSC_INSECURE).")
    boolean insecure;

    @Option(names = { "-o", "--output" }, scope = ScopeType.INHERIT, order = 205, paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table (default), json (the server's JSON, for scripts) or yaml.")
    Output.Format format;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Path home;
    private final InputStream stdin;
    private OscClient client;

    /**
     * @param env the environment to read OSC_URL, OSC_USER, OSC_PASSWORD from
     * @param home the home folder the default config file is under
     */
    public Main(Map<String, String> env, Path home) {
        this(env, home, System.in);
    }

    /**
     * @param env the environment to read OSC_URL, OSC_USER, OSC_PASSWORD from
     * @param home the home folder the default config file is under
     * @param stdin what {@code -f -} reads
     */
    public Main(Map<String, String> env, Path home, InputStream stdin) {
        this.env = env;
        this.home = home;
        this.stdin = stdin;
    }

    /** Runs oscctl and exits with its exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Main main = new Main(System.getenv(), Path.of(System.getProperty("user.home")));
        System.exit(execute(main, out, err, args));
    }

    /**
     * @param main the root command with its environment
     * @param out stdout
     * @param err stderr
     * @param args the arguments
     * @return the exit code (see {@link ExitCodes})
     */
    public static int execute(Main main, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(main);
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    /** @return the command line of oscctl, configured as it runs (also used for the reference and completion) */
    public static CommandLine commandLine(Main main) {
        CommandLine commandLine = new CommandLine(main);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> failed(main, e, cl.getErr()));
        commandLine.setParameterExceptionHandler(Main::usageError);
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command");
    }

    /** @return the client for the connection the options, environment and config file name (made once) */
    OscClient client() {
        if (client == null) {
            Connection connection = connection();
            if (connection.insecure() && connection.baseUrl().startsWith("https://")) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("warning: --insecure: the server's certificate is not checked; anyone on the way can "
                        + "read the password and what is sent");
                err.flush();
            }
            client = new OscClient(connection);
        }
        return client;
    }

    /** @return the connection the options, environment and config file name */
    Connection connection() {
        return Connection.resolve(new Connection(url, user, password, token, cacert, pin, insecure), config, env,
                home);
    }

    /** @return the config file oscctl reads, which may not exist yet */
    Path configFile() {
        return Connection.configFile(config, env, home);
    }

    /** @return what {@code -f -} reads */
    InputStream stdin() {
        return stdin;
    }

    /** @return the chosen output format */
    Output.Format format() {
        return format == null ? Output.Format.table : format;
    }

    private static int failed(Main main, Exception e, PrintWriter err) {
        if (e instanceof CliException cli) {
            err.println("error: " + cli.getMessage());
            if (cli instanceof ApiException api && api.status() == 401 && main.client != null
                    && main.client.connection().token() != null) {
                err.println("hint: the API token was refused: it may be revoked or expired, or mistyped "
                        + "(--api-token, OSC_TOKEN, or token= in the config file)");
            }
            if (cli instanceof ApiException api && api.status() == 401 && main.client != null
                    && main.client.connection().user() == null && main.client.connection().token() == null) {
                err.println("hint: no user given; set --user and --password, OSC_USER and OSC_PASSWORD, "
                        + "or the config file");
            }
            err.flush();
            return cli.exitCode();
        }
        // a bug in oscctl: still one line, unless asked for the details
        err.println("error: unexpected failure: " + e);
        if (main.env.containsKey("OSCCTL_DEBUG")) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.JOB_FAILED;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The version of the build, filtered into version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] { "oscctl " + properties.getProperty("version", "unknown") };
        }
    }
}
