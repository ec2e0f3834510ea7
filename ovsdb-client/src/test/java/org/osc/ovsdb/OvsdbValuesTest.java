package org.osc.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OvsdbValuesTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    @Test
    void decodesAtomsSetsAndMaps() throws Exception {
        assertEquals("x", OvsdbValues.decode(json("\"x\"")));
        assertEquals(42L, OvsdbValues.decode(json("42")));
        assertEquals(1.5, OvsdbValues.decode(json("1.5")));
        assertEquals(true, OvsdbValues.decode(json("true")));
        assertEquals(new Uuid("6b2a1e10-0000-4000-8000-000000000001"),
                OvsdbValues.decode(json("[\"uuid\",\"6b2a1e10-0000-4000-8000-000000000001\"]")));
        assertEquals(new NamedUuid("row1"), OvsdbValues.decode(json("[\"named-uuid\",\"row1\"]")));
        assertEquals(Set.of(), OvsdbValues.decode(json("[\"set\",[]]")));
        assertEquals(Set.of(1L, 2L), OvsdbValues.decode(json("[\"set\",[1,2]]")));
        assertEquals(Map.of("k", "v", "a", "b"), OvsdbValues.decode(json("[\"map\",[[\"k\",\"v\"],[\"a\",\"b\"]]]")));
        assertThrows(IllegalArgumentException.class, () -> OvsdbValues.decode(json("{\"a\":1}")));
        assertThrows(IllegalArgumentException.class, () -> OvsdbValues.decode(json("[\"tuple\",[]]")));
    }

    @Test
    void encodesWhatItDecodes() throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("osc-id", "1");
        ids.put("owner", "osc");
        assertEquals(json("[\"map\",[[\"osc-id\",\"1\"],[\"owner\",\"osc\"]]]"), OvsdbValues.encode(ids));
        assertEquals(json("[\"set\",[[\"uuid\",\"u1\"]]]"), OvsdbValues.encode(List.of(new Uuid("u1"))));
        assertEquals(json("[\"named-uuid\",\"sw\"]"), OvsdbValues.encode(new NamedUuid("sw")));
        assertEquals("7", OvsdbValues.encode(7).toString());
        assertEquals(7L, OvsdbValues.decode(OvsdbValues.encode(7)));
        assertEquals(json("false"), OvsdbValues.encode(false));
        assertThrows(IllegalArgumentException.class, () -> OvsdbValues.encode(new Object()));
        assertThrows(IllegalArgumentException.class, () -> new NamedUuid("not-an-identifier"));
    }

    @Test
    void aBareAtomReadsAsAOneElementSet() {
        assertEquals(Set.of("a"), OvsdbValues.asSet("a"));
        assertEquals(Set.of(), OvsdbValues.asSet(null));
        assertEquals(Map.of(), OvsdbValues.asMap(null));
        assertThrows(IllegalArgumentException.class, () -> OvsdbValues.asMap("a"));
    }

    @Test
    void operationsHaveTheWireForm() throws Exception {
        assertEquals(json("{\"op\":\"insert\",\"table\":\"Port_Group\",\"row\":{\"name\":\"pg\"},"
                + "\"uuid-name\":\"pg1\"}"), Operation.insert("Port_Group", Map.of("name", "pg"), "pg1").json());
        assertEquals(json("{\"op\":\"mutate\",\"table\":\"Port_Group\",\"where\":[[\"name\",\"==\",\"pg\"]],"
                + "\"mutations\":[[\"ports\",\"insert\",[\"set\",[[\"named-uuid\",\"p\"]]]]]}"),
                Operation.mutate("Port_Group", List.of(Condition.eq("name", "pg")),
                        List.of(Mutation.insert("ports", Set.of(new NamedUuid("p"))))).json());
        assertEquals("comment", Operation.comment("c").op());
    }

    @Test
    void parsesRemotes() {
        assertEquals(new OvsdbRemote(false, "127.0.0.1", 6641), OvsdbRemote.parse("tcp:127.0.0.1:6641"));
        assertEquals(new OvsdbRemote(true, "::1", 6641), OvsdbRemote.parse("ssl:[::1]:6641"));
        assertEquals("ssl:[::1]:6641", OvsdbRemote.parse("ssl:[::1]:6641").toString());
        assertThrows(IllegalArgumentException.class, () -> OvsdbRemote.parse("unix:/run/ovn/ovnnb_db.sock"));
        assertThrows(IllegalArgumentException.class, () -> OvsdbRemote.parse("tcp:host"));
        assertThrows(IllegalArgumentException.class, () -> OvsdbRemote.parse("tcp:host:99999"));
    }
}
