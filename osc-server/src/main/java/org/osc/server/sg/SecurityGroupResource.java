package org.osc.server.sg;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osc.server.error.ValidationException;
import org.osc.server.rest.JsonErrors;
import org.osc.server.rest.JsonSupport;
import org.osc.server.rest.OscApplication;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /virtualizationConnectors/{vcId}/securityGroups}: the workloads to protect on a connector, their
 * label members and resolved pods, and their bindings to virtual systems. Every change starts the group's
 * reconcile job, whose id the response carries.
 */
@Component(service = SecurityGroupResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/virtualizationConnectors/{vcId}/securityGroups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SecurityGroupResource {

    private static final ObjectMapper JSON = JsonSupport.mapper();

    private final SecurityGroupService groups;
    private final MemberService members;
    private final BindingService bindings;

    /** Resource over the group, member and binding services. */
    @Activate
    public SecurityGroupResource(@Reference SecurityGroupService groups, @Reference MemberService members,
            @Reference BindingService bindings) {
        this.groups = groups;
        this.members = members;
        this.bindings = bindings;
    }

    /** @return the connector's groups */
    @GET
    public Map<String, List<SecurityGroupBody>> list(@PathParam("vcId") long vcId) {
        return Map.of("items", groups.list(vcId));
    }

    /** Creates a group: 201 with {@code {id, jobId}}. */
    @POST
    public Response create(@PathParam("vcId") long vcId, SecurityGroupBody body) {
        SecurityGroupService.Created created = groups.create(vcId, body);
        return Response.created(URI.create("server/v1/virtualizationConnectors/" + vcId + "/securityGroups/"
                + created.id())).entity(Map.of("id", created.id(), "jobId", created.jobId())).build();
    }

    /** @return one group */
    @GET
    @Path("{sgId}")
    public SecurityGroupBody get(@PathParam("vcId") long vcId, @PathParam("sgId") long sgId) {
        return groups.get(vcId, sgId);
    }

    /** Replaces a group's name, protectAll and namespaces: {@code {id, jobId}}. */
    @PUT
    @Path("{sgId}")
    public Map<String, Long> update(@PathParam("vcId") long vcId, @PathParam("sgId") long sgId,
            SecurityGroupBody body) {
        return Map.of("id", sgId, "jobId", groups.update(vcId, sgId, body));
    }

    /** Deletes a group once its job has removed it from the plugins: 202 with {@code {jobId}}. */
    @DELETE
    @Path("{sgId}")
    public Response delete(@PathParam("vcId") long vcId, @PathParam("sgId") long sgId) {
        return accepted(groups.delete(vcId, sgId));
    }

    /** Removes a group from OSC only, leaving whatever the plugins hold: 204. */
    @DELETE
    @Path("{sgId}/force")
    public Response forceDelete(@PathParam("vcId") long vcId, @PathParam("sgId") long sgId) {
        groups.forceDelete(vcId, sgId);
        return Response.noContent().build();
    }

    /** Reconciles a group again: 202 with {@code {jobId}}. */
    @POST
    @Path("{sgId}/sync")
    public Response sync(@PathParam("vcId") long vcId, @PathParam("sgId") long sgId) {
        return accepted(groups.sync(vcId, sgId));
    }

    /** The same as POST, for scripts written for the original API. */
    @PUT
    @Path("{sgId}/sync")
    public Response syncPut(@PathParam("vcId") long vcId, @PathParam("sgId") long sgId) {
        return sync(vcId, sgId);
    }

    /** @return the pods the group protects, with their ports */
    @GET
    @Path("{sgId}/members")
    public Map<String, List<ProtectedPodBody>> pods(@PathParam("vcId") long vcId, @PathParam("sgId") long sgId) {
        return Map.of("items", members.pods(vcId, sgId));
    }

    /** Replaces the label members (a JSON array, or {@code {"items": [...]}}): {@code {id, jobId}}. */
    @PUT
    @Path("{sgId}/members")
    public Map<String, Long> replaceMembers(@PathParam("vcId") long vcId, @PathParam("sgId") long sgId,
            @RequestBody(content = @Content(array = @ArraySchema(schema = @Schema(implementation = MemberBody.class))))
            JsonNode body) {
        return Map.of("id", sgId, "jobId", members.replace(vcId, sgId, items(body, MemberBody.class, "members")));
    }

    /** @return the group's bindings */
    @GET
    @Path("{sgId}/bindings")
    public Map<String, List<BindingBody>> bindings(@PathParam("vcId") long vcId, @PathParam("sgId") long sgId) {
        return Map.of("items", bindings.list(vcId, sgId));
    }

    /** Replaces the bindings (a JSON array, or {@code {"items": [...]}}): {@code {id, jobId}}. */
    @PUT
    @Path("{sgId}/bindings")
    public Map<String, Long> replaceBindings(@PathParam("vcId") long vcId, @PathParam("sgId") long sgId,
            @RequestBody(content = @Content(array = @ArraySchema(schema = @Schema(implementation = BindingBody.class))))
            JsonNode body) {
        return Map.of("id", sgId, "jobId", bindings.replace(vcId, sgId, items(body, BindingBody.class, "bindings")));
    }

    private static Response accepted(long jobId) {
        return Response.accepted(Map.of("jobId", jobId)).build();
    }

    /**
     * A replaced set as sent: a bare array, or the {@code {"items": [...]}} a GET returns, so that a client can
     * send back what it read. Each element is mapped on its own so that an error names its position.
     */
    static <T> List<T> items(JsonNode body, Class<T> type, String field) {
        JsonNode array = body != null && body.isObject() && body.size() == 1 && body.has("items")
                ? body.get("items") : body;
        if (array == null || !array.isArray()) {
            throw new ValidationException(field, "must be a JSON array, or an object with just \"items\": [...]");
        }
        List<T> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            try {
                result.add(array.get(i).isNull() ? null : JSON.treeToValue(array.get(i), type));
            } catch (JsonProcessingException e) {
                throw invalid(field + "[" + i + "]", e);
            }
        }
        return result;
    }

    /** Like the JSON error mapper: the field's path, and plain words instead of Jackson's text. */
    private static ValidationException invalid(String prefix, JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            return new ValidationException(List.of(JsonErrors.of(prefix, mapping)));
        }
        return new ValidationException(prefix, "is invalid");
    }
}
