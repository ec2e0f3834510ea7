package org.osc.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import picocli.CommandLine;

/**
 * The resource kinds of the REST API: their names on the command line, their collection paths, the parent
 * they live under, and the field by which a name is resolved to an id.
 */
public enum Kind {

    /** Virtualization connectors (clusters). */
    VC("virtualization connector", Parent.NONE, "name", true, s -> "virtualizationConnectors",
            "vc", "virtualization-connectors", "virtualization-connector", "vcs"),
    /** Appliance manager connectors. */
    MC("manager connector", Parent.NONE, "name", true, s -> "applianceManagerConnectors",
            "mc", "manager-connectors", "manager-connector", "mcs"),
    /** Catalog appliances; named by model. */
    APPLIANCES("appliance", Parent.NONE, "model", true, s -> "catalog",
            "appliances", "appliance", "catalog"),
    /** Software versions of an appliance; named by swVersion. */
    VERSIONS("software version", Parent.APPLIANCE, "swVersion", true, s -> "catalog/" + s.appliance() + "/versions",
            "versions", "version"),
    /** Distributed appliances. */
    DA("distributed appliance", Parent.NONE, "name", true, s -> "distributedAppliances",
            "da", "distributed-appliances", "distributed-appliance"),
    /** Deployment specs of a virtual system. */
    DS("deployment spec", Parent.VS, "name", true, s -> "virtualSystems/" + s.vs() + "/deploymentSpecs",
            "ds", "deployment-specs", "deployment-spec"),
    /** Distributed appliance instances (VNF pods) of a virtual system; read-only, list only. */
    INSTANCES("instance", Parent.VS, "name", false,
            s -> "virtualSystems/" + s.vs() + "/distributedApplianceInstances", "dai", "instances", "instance"),
    /** Security groups of a virtualization connector. */
    SG("security group", Parent.VC, "name", true,
            s -> "virtualizationConnectors/" + s.vc() + "/securityGroups", "sg", "security-groups", "security-group"),
    /** The pods a security group protects; list only. */
    MEMBERS("member", Parent.VC_SG, null, false,
            s -> "virtualizationConnectors/" + s.vc() + "/securityGroups/" + s.sg() + "/members", "members", "member"),
    /** The bindings of a security group; list only. */
    BINDINGS("binding", Parent.VC_SG, null, false,
            s -> "virtualizationConnectors/" + s.vc() + "/securityGroups/" + s.sg() + "/bindings",
            "bindings", "binding"),
    /** Jobs; by id only. */
    JOBS("job", Parent.NONE, null, true, s -> "jobs", "jobs", "job"),
    /** Tasks of a job; list only. */
    TASKS("task", Parent.JOB, null, false, s -> "jobs/" + s.job() + "/tasks", "tasks", "task"),
    /** Plugins; their name is their key. */
    PLUGINS("plugin", Parent.NONE, "name", true, s -> "plugins", "plugins", "plugin"),
    /** Users; their name is their key. */
    USERS("user", Parent.NONE, "name", true, s -> "users", "users", "user"),
    /** API tokens: the caller's own ({@code oscctl tokens}). */
    TOKENS("token", Parent.NONE, "name", true, s -> "tokens", "tokens", "token"),
    /** Domains (with policies) of a manager connector; list only. */
    DOMAINS("domain", Parent.MC, null, false,
            s -> "applianceManagerConnectors/" + s.mc() + "/domains", "domains", "domain");

    /** What a nested kind needs to know before its path is known. */
    public enum Parent {
        /** top level */
        NONE,
        /** {@code --vc} */
        VC,
        /** {@code --vc} and {@code --sg} */
        VC_SG,
        /** {@code --vs} */
        VS,
        /** {@code --appliance} */
        APPLIANCE,
        /** {@code --mc} */
        MC,
        /** {@code --job} */
        JOB
    }

    private final String label;
    private final Parent parent;
    private final String nameField;
    private final boolean gettable;
    private final Function<Scope, String> collection;
    private final List<String> names;

    Kind(String label, Parent parent, String nameField, boolean gettable, Function<Scope, String> collection,
            String... names) {
        this.label = label;
        this.parent = parent;
        this.nameField = nameField;
        this.gettable = gettable;
        this.collection = collection;
        this.names = List.of(names);
    }

    /** @return the short name used on the command line and in messages ({@code vc}, {@code versions}) */
    public String cliName() {
        return names.get(0);
    }

    /** @return a readable singular label ({@code security group}) */
    public String label() {
        return label;
    }

    /** @return what the kind lives under */
    public Parent parent() {
        return parent;
    }

    /** @return the field a name is matched against, or null when the kind is referred to by id only */
    public String nameField() {
        return nameField;
    }

    /** @return whether objects of this kind are addressed by their name in paths (plugins, users) */
    public boolean keyedByName() {
        return this == PLUGINS || this == USERS;
    }

    /** @return whether one object can be read ({@code GET .../{id}}) rather than only listed */
    public boolean gettable() {
        return gettable;
    }

    /** @return the collection path in the given scope, relative to the API base */
    public String collection(Scope scope) {
        return collection.apply(scope);
    }

    /** @return the path of one object in the given scope */
    public String item(Scope scope, String id) {
        return collection(scope) + "/" + id;
    }

    /**
     * @param text a kind as typed: short name, long name, singular or plural
     * @return the kind
     * @throws IllegalArgumentException naming the kinds when there is no such kind
     */
    public static Kind parse(String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        for (Kind kind : values()) {
            if (kind.names.contains(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + text + "'; kinds: " + String.join(", ", allNames()));
    }

    /** @return the command-line name of each kind with its long form, for help and messages */
    public static List<String> allNames() {
        List<String> result = new ArrayList<>();
        for (Kind kind : values()) {
            // abbreviations are shown with their long form (vc|virtualization-connectors)
            result.add(kind.cliName().length() <= 3 ? kind.cliName() + "|" + kind.names.get(1) : kind.cliName());
        }
        return result;
    }

    /** Converts command-line text to a kind; picocli shows the message as a usage error. */
    public static final class Converter implements CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The short names of the kinds, for shell completion. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return java.util.Arrays.stream(values()).map(Kind::cliName).iterator();
        }
    }
}
