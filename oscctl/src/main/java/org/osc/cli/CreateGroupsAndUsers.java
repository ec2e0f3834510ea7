package org.osc.cli;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code create sg} and {@code create user}: what is protected, and who may change it. */
public final class CreateGroupsAndUsers {

    private CreateGroupsAndUsers() {
    }

    /** {@code oscctl create sg --vc VC}: a security group; its job registers it with the SDN and the manager. */
    @Command(name = "sg", aliases = { "security-group", "security-groups" },
            description = "Create a security group on a virtualization connector; a job registers it. Label "
                    + "members and bindings are set with 'oscctl set members' and 'oscctl set bindings'.",
            footer = { "%nExamples:%n  oscctl create sg --vc cluster-1 --name web --namespace shop --wait%n"
                    + "  oscctl create sg --vc cluster-1 --name all --protect-all" })
    public static class Sg extends CreateCommand.Base {

        @Option(names = "--vc", required = true, paramLabel = "VC",
                description = "The virtualization connector (id or name).")
        String vc;

        @Option(names = "--name", paramLabel = "NAME", description = "Unique within the connector.")
        String name;

        @Option(names = "--protect-all", description = "Protect every pod (of the namespaces, if given).")
        Boolean protectAll;

        @Option(names = "--namespace", paramLabel = "NAMESPACE", description = "A namespace (repeatable).")
        List<String> namespaces;

        @Override
        public Integer call() {
            Scope scope = Scope.ROOT.withVc(resolver().id(Kind.VC, Scope.ROOT, vc));
            ObjectNode body = body();
            put(body, "name", name);
            put(body, "protectAll", protectAll);
            put(body, "namespaces", namespaces);
            return post(Kind.SG, Kind.SG.collection(scope), body);
        }
    }

    /** {@code oscctl create user}: a user with the admin or auditor role (admins only). */
    @Command(name = "user", aliases = "users", description = "Create a user (admin only).",
            footer = { "%nExample:%n  oscctl create user --name alice --role auditor --new-password \"$PW\"%n"
                    + "  printf 'name: bob%%nrole: admin%%npassword: %%s%%n' \"$PW\" | oscctl create user -f -" })
    public static class User extends CreateCommand.Base {

        @Option(names = "--name", paramLabel = "NAME", description = "The user name.")
        String name;

        @Option(names = "--role", paramLabel = "ROLE", description = "admin or auditor.")
        String role;

        @Option(names = "--new-password", paramLabel = "PASSWORD", description = "The new user's password.")
        String password;

        @Override
        public Integer call() {
            ObjectNode body = body();
            put(body, "name", name);
            put(body, "role", role);
            put(body, "password", password);
            return post(Kind.USERS, Kind.USERS.collection(Scope.ROOT), body);
        }
    }
}
