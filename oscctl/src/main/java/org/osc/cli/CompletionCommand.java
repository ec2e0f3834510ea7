package org.osc.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code oscctl completion}: prints the bash (and zsh) completion script. */
@Command(name = "completion", description = "Print the bash/zsh completion script.",
        footer = { "%nExamples:%n  source <(oscctl completion)%n"
                + "  oscctl completion > /etc/bash_completion.d/oscctl" })
public class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
