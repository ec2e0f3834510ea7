package org.osc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The committed reference, docs/oscctl.md, is what the CLI generates. */
class DocGenTest {

    @Test
    void theCommittedReferenceIsUpToDate() throws Exception {
        String generated = DocGen.reference();
        assertTrue(generated.contains("### oscctl sync") && generated.contains("### oscctl create vc"), generated);
        Path committed = Path.of("..", "docs", "oscctl.md");
        assertEquals(generated, Files.readString(committed, StandardCharsets.UTF_8),
                "docs/oscctl.md is stale: copy oscctl/target/oscctl-reference.md (written by mvn package) over it");
    }
}
