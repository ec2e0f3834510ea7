package org.osc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code oscctl plugins}: lists the plugins; {@code install} uploads a bundle, {@code remove} removes one. */
@Command(name = "plugins", description = "List the SDN controller and manager plugins; install or remove one.",
        subcommands = { PluginsCommand.Install.class, PluginsCommand.Remove.class },
        footer = { "%nExamples:%n  oscctl plugins%n  oscctl plugins install my-sdn-plugin.jar%n"
                + "  oscctl plugins remove MySdn" })
public class PluginsCommand extends BaseCommand {

    @Override
    public Integer call() {
        output().list(Kind.PLUGINS, client().get("plugins"));
        return ExitCodes.OK;
    }

    /** {@code oscctl plugins install FILE.jar}. */
    @Command(name = "install", description = "Upload a plugin bundle; answers once its plugins are ready.",
            footer = { "%nExample:%n  oscctl plugins install target/my-manager-plugin.jar" })
    public static class Install extends BaseCommand {

        @Parameters(index = "0", paramLabel = "FILE.jar", description = "The plugin bundle.")
        Path jar;

        @Override
        public Integer call() {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(jar);
            } catch (IOException e) {
                throw CliException.usage("cannot read " + jar + ": " + e.getMessage());
            }
            JsonNode reply = client().upload("plugins", bytes).body();
            Output output = output();
            if (output.isTable() && reply != null && reply.has("items")) {
                output.list(Kind.PLUGINS, reply);
            } else {
                output.result("installed " + jar.getFileName(), reply);
            }
            return ExitCodes.OK;
        }
    }

    /** {@code oscctl plugins remove NAME}. */
    @Command(name = "remove", aliases = "rm", description = "Remove a plugin installed from the plugins folder.",
            footer = { "%nExample:%n  oscctl plugins remove SampleSdn" })
    public static class Remove extends BaseCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The plugin's name.")
        String name;

        @Override
        public Integer call() {
            client().send("DELETE", "plugins/" + OscClient.segment(name), null);
            output().result("removed plugin " + name, null);
            return ExitCodes.OK;
        }
    }
}
