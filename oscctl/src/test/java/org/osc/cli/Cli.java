package org.osc.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs oscctl in-process with a given environment and stdin, capturing stdout, stderr and the exit code. */
final class Cli {

    /** What a run printed and returned. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private final Path home;
    private String stdin = "";

    Cli(Path home) {
        this.home = home;
    }

    /** A CLI pointed at the fake server as admin. */
    static Cli against(FakeServer server, Path home) {
        return new Cli(home).env("OSC_URL", server.url()).env("OSC_USER", "admin").env("OSC_PASSWORD", "secret");
    }

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Cli stdin(String text) {
        stdin = text;
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main(env, home, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int code = Main.execute(main, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
