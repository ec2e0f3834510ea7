package org.osc.simcluster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;

import java.util.List;

import org.junit.jupiter.api.Test;

class StoreIndexTest {

    private final StoreIndex index = new StoreIndex();
    private final AttributeSet webInA = key("pods", "a", "web", "app", "shop");
    private final AttributeSet webInB = key("pods", "b", "web", "app", "blog");
    private final AttributeSet deploymentWebInA = key("deployments", "a", "web", "app", "shop");

    @Test
    void findsWhatTheMockWouldMatchAmongKeysOfTheSameResourceAndName() {
        List.of(webInA, webInB, deploymentWebInA).forEach(index::add);

        assertEquals(List.of(webInA), index.find(query("pods", "a", "web")).orElseThrow());
        assertEquals(List.of(webInA, webInB), index.find(query("pods", null, "web")).orElseThrow(),
                "without a namespace the mock matches every namespace");
        assertEquals(List.of(), index.find(query("pods", "c", "web")).orElseThrow());
        assertEquals(List.of(deploymentWebInA), index.find(query("deployments", "a", "web")).orElseThrow());
    }

    @Test
    void removedKeyIsNotFoundAndAddingTwiceKeepsOne() {
        index.add(webInA);
        index.add(webInA);
        index.add(webInB);

        index.remove(webInA);

        assertEquals(List.of(webInB), index.find(query("pods", null, "web")).orElseThrow());
        index.remove(webInB);
        assertEquals(List.of(), index.find(query("pods", null, "web")).orElseThrow());
    }

    @Test
    void queryThatNamesNoSingleObjectIsLeftToTheScan() {
        index.add(webInA);

        assertTrue(index.find(new AttributeSet(new Attribute("plural", "pods"))).isEmpty(), "a list");
        assertTrue(index.find(query("pods", "a", "*")).isEmpty(), "a wildcard name");
        assertTrue(index.find(new AttributeSet(new Attribute("plural", "pods"),
                new Attribute("name", "web", AttributeType.EXISTS))).isEmpty(), "not a plain value");
    }

    private static AttributeSet query(String plural, String namespace, String name) {
        AttributeSet query = new AttributeSet(new Attribute("plural", plural), new Attribute("name", name),
                new Attribute("version", "v1"));
        return namespace == null ? query : query.add(new Attribute("namespace", namespace));
    }

    private static AttributeSet key(String plural, String namespace, String name, String label, String value) {
        return query(plural, namespace, name).add(new Attribute("labels:" + label, value));
    }
}
