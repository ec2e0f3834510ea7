package org.osc.server.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osc.api.manager.ManagerUnreachableException;
import org.osc.sdn.api.ControllerUnreachableException;
import org.osc.sdn.api.ElementNotFoundException;
import org.osc.sdn.api.NotSupportedException;
import org.osc.sdn.api.element.ElementKind;
import org.osc.server.error.UnprocessableException;
import org.osc.server.reconcile.Failures.Kind;

class FailuresTest {

    @Test
    void outagesAndThingsNotThereYetAreTransient() {
        assertEquals(Kind.TRANSIENT, Failures.classify(new ControllerUnreachableException("down", null)));
        assertEquals(Kind.TRANSIENT, Failures.classify(new ManagerUnreachableException("down", null)));
        assertEquals(Kind.TRANSIENT, Failures.classify(new NotReadyException("no port yet")));
        assertEquals(Kind.TRANSIENT, Failures.classify(new ElementNotFoundException(ElementKind.WORKLOAD, "p")));
        assertEquals(Kind.TRANSIENT, Failures.classify(new IllegalStateException("database gone")),
                "what says nothing is retried");
    }

    @Test
    void whatARetryCannotChangeIsTerminal() {
        assertEquals(Kind.TERMINAL, Failures.classify(new NotSupportedException("portGroup", "no port groups")));
        assertEquals(Kind.TERMINAL, Failures.classify(new UnprocessableException("name", "bad")));
        assertEquals(Kind.TERMINAL, Failures.classify(new TerminalException("gone")));
        assertEquals(Kind.TERMINAL, Failures.classify(new IllegalArgumentException("bug")));
    }

    @Test
    void theCauseDecidesThroughTheWrappersThatNameTheObject() {
        IllegalStateException wrapped = new IllegalStateException("Security group 'web': SDN controller failed",
                new ControllerUnreachableException("down", null));
        assertEquals(Kind.TRANSIENT, Failures.classify(wrapped));
        IllegalStateException terminal = new IllegalStateException("Security group 'web': binding 'b'",
                new NotSupportedException("failurePolicy", "no failure policy"));
        assertEquals(Kind.TERMINAL, Failures.classify(terminal));
    }

    @Test
    void severalFailuresAreTransientWhenAnyIs() {
        assertEquals(Kind.TRANSIENT, Failures.classify(List.of(new TerminalException("a"),
                new NotReadyException("b"))));
        assertEquals(Kind.TERMINAL, Failures.classify(List.of(new TerminalException("a"),
                new NotSupportedException("x", "b"))));
        IllegalStateException gathered = new IllegalStateException("a; b");
        gathered.addSuppressed(new TerminalException("a"));
        gathered.addSuppressed(new NotReadyException("b"));
        assertEquals(Kind.TRANSIENT, Failures.classify(gathered));
        IllegalStateException allTerminal = new IllegalStateException("a; b");
        allTerminal.addSuppressed(new TerminalException("a"));
        allTerminal.addSuppressed(new NotSupportedException("x", "b"));
        assertEquals(Kind.TERMINAL, Failures.classify(allTerminal));
    }
}
