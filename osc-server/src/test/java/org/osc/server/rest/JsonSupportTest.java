package org.osc.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osc.server.da.DeploymentSpecBody;
import org.osc.server.da.DistributedApplianceBody;
import org.osc.server.error.FieldError;
import org.osc.server.sg.SecurityGroupBody;
import org.osc.server.vc.VirtualizationConnectorBody;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Strict JSON types and storable strings, as a request body meets them, with the field error a caller gets. */
class JsonSupportTest {

    private static final ObjectMapper JSON = JsonSupport.mapper();

    @Test
    void numbersAreNotTakenForStrings() {
        assertEquals(new FieldError("name", "must be a string"), error("{\"name\":5}", DeploymentSpecBody.class));
        assertEquals(new FieldError("name", "must be a string"), error("{\"name\":1.5}", DeploymentSpecBody.class));
        assertEquals(new FieldError("name", "must be a string"), error("{\"name\":true}",
                DeploymentSpecBody.class));
        assertEquals(new FieldError("namespaces[0]", "must be a string"), error("{\"namespaces\":[7]}",
                SecurityGroupBody.class));
    }

    @Test
    void stringsFractionsAndBooleansAreNotTakenForIntegers() {
        assertEquals(new FieldError("count", "must be an integer"), error("{\"count\":\"2\"}",
                DeploymentSpecBody.class));
        assertEquals(new FieldError("count", "must be an integer"), error("{\"count\":1.5}",
                DeploymentSpecBody.class));
        assertEquals(new FieldError("managerConnectorId", "must be an integer"),
                error("{\"managerConnectorId\":1.0}", DistributedApplianceBody.class));
        assertEquals(new FieldError("count", "must be an integer"), error("{\"count\":true}",
                DeploymentSpecBody.class));
        assertEquals(new FieldError("inCluster", "must be true or false"), error("{\"inCluster\":\"true\"}",
                VirtualizationConnectorBody.class));
        assertEquals(new FieldError("inCluster", "must be true or false"), error("{\"inCluster\":1}",
                VirtualizationConnectorBody.class));
    }

    @Test
    void integersOutOfRangeAreNamed() {
        assertEquals(new FieldError("count", "is out of range"), error("{\"count\":2147483648}",
                DeploymentSpecBody.class));
    }

    @Test
    void noStringMayHoldNulOrAnUnpairedSurrogate() {
        assertEquals(new FieldError("name", "must not contain NUL characters"), error("{\"name\":\"a\\u0000\"}",
                DeploymentSpecBody.class));
        assertEquals(new FieldError("kubeconfig", "must not contain NUL characters"),
                error("{\"kubeconfig\":\"x\\u0000\"}", VirtualizationConnectorBody.class));
        assertEquals(new FieldError("virtualSystems[0].domainId",
                "must not contain unpaired surrogate characters (invalid UTF-16)"),
                error("{\"virtualSystems\":[{\"domainId\":\"\\udfff\"}]}", DistributedApplianceBody.class));
    }

    @Test
    void wellTypedBodiesStillRead() throws Exception {
        DeploymentSpecBody spec = JSON.readValue("{\"name\":\"vnf \\ud83d\\ude00\",\"namespace\":\"ns\",\"count\":2}",
                DeploymentSpecBody.class);
        assertEquals(2, spec.count());
        assertEquals("vnf \ud83d\ude00", spec.name());
        assertEquals(List.of("a"), JSON.readValue("{\"namespaces\":[\"a\"]}", SecurityGroupBody.class).namespaces());
    }

    @Test
    void aBodyOfTheWrongShapeIsNamedAsTheBody() {
        assertEquals(new FieldError("body", "must be an object"), error("[1]", DeploymentSpecBody.class));
    }

    private static FieldError error(String json, Class<?> type) {
        return JsonErrors.of("", assertThrows(JsonMappingException.class, () -> JSON.readValue(json, type)));
    }
}
