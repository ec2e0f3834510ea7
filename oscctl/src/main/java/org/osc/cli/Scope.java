package org.osc.cli;

/**
 * The resolved ids of the objects a nested kind lives under: the virtualization connector of a security
 * group, the virtual system of a deployment spec, and so on. Unused parts are null.
 *
 * @param vc virtualization connector id
 * @param sg security group id (within {@code vc})
 * @param vs virtual system id
 * @param appliance catalog appliance id
 * @param mc manager connector id
 * @param job job id
 */
public record Scope(String vc, String sg, String vs, String appliance, String mc, String job) {

    /** The scope of top-level kinds. */
    public static final Scope ROOT = new Scope(null, null, null, null, null, null);

    /** @return this scope with the virtualization connector set */
    public Scope withVc(String id) {
        return new Scope(id, sg, vs, appliance, mc, job);
    }

    /** @return this scope with the security group set */
    public Scope withSg(String id) {
        return new Scope(vc, id, vs, appliance, mc, job);
    }

    /** @return this scope with the virtual system set */
    public Scope withVs(String id) {
        return new Scope(vc, sg, id, appliance, mc, job);
    }

    /** @return this scope with the appliance set */
    public Scope withAppliance(String id) {
        return new Scope(vc, sg, vs, id, mc, job);
    }

    /** @return this scope with the manager connector set */
    public Scope withMc(String id) {
        return new Scope(vc, sg, vs, appliance, id, job);
    }

    /** @return this scope with the job set */
    public Scope withJob(String id) {
        return new Scope(vc, sg, vs, appliance, mc, id);
    }

    /** @return where the scope points, for messages ({@code " in vc 3, sg 4"}), empty at the root */
    public String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "vc", vc);
        append(text, "sg", sg);
        append(text, "vs", vs);
        append(text, "appliance", appliance);
        append(text, "mc", mc);
        append(text, "job", job);
        return text.length() == 0 ? "" : " in " + text;
    }

    private static void append(StringBuilder text, String label, String id) {
        if (id != null) {
            text.append(text.length() == 0 ? "" : ", ").append(label).append(' ').append(id);
        }
    }
}
