package org.osc.cli;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Option;

/**
 * The {@code --controller-attribute KEY=VALUE} and {@code --controller-attribute-file KEY=FILE} flags of
 * {@code create vc} and {@code update vc}: settings of the connector's SDN plugin, sent in the body's
 * {@code controllerAttributes}. An empty value ({@code KEY=}) removes the attribute on update.
 */
public final class ControllerAttributeOptions {

    @Option(names = "--controller-attribute", paramLabel = "KEY=VALUE", order = 50,
            description = "A setting of the SDN plugin (repeatable), e.g. northbound=tcp:127.0.0.1:6641; "
                    + "KEY= removes it on update. Keys ending in Key, Password, Secret or Token are secrets: "
                    + "sent, never shown (flags show in ps: give secrets with --controller-attribute-file).")
    List<String> attributes = new ArrayList<>();

    @Option(names = "--controller-attribute-file", paramLabel = "KEY=FILE", order = 51,
            description = "A setting of the SDN plugin whose value is the file's content (repeatable), e.g. a PEM "
                    + "key: northboundClientKey=client.key ('-' for stdin).")
    List<String> files = new ArrayList<>();

    /** @return whether any was given */
    boolean any() {
        return !attributes.isEmpty() || !files.isEmpty();
    }

    /**
     * Puts the flags' attributes into the body's {@code controllerAttributes}, over those it holds already.
     *
     * @throws CliException usage (exit 2) for a flag without {@code =} or a file that cannot be read
     */
    void applyTo(ObjectNode body, InputStream stdin) {
        if (!any()) {
            return;
        }
        JsonNode present = body.get("controllerAttributes");
        ObjectNode target = present instanceof ObjectNode object ? object : body.putObject("controllerAttributes");
        for (String attribute : attributes) {
            String[] pair = split("--controller-attribute", attribute, "KEY=VALUE");
            target.put(pair[0], pair[1]);
        }
        for (String file : files) {
            String[] pair = split("--controller-attribute-file", file, "KEY=FILE");
            if (pair[1].isEmpty()) {
                throw CliException.usage("--controller-attribute-file " + pair[0] + "= names no file");
            }
            target.put(pair[0], BodyInput.text(pair[1], stdin));
        }
    }

    private static String[] split(String flag, String value, String form) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw CliException.usage(flag + " takes " + form + ", not '" + value + "'");
        }
        return new String[] {value.substring(0, equals), value.substring(equals + 1)};
    }
}
