package org.osc.ovn.sdn.nb;

import java.util.Map;
import java.util.Optional;

import org.osc.ovsdb.Row;

/**
 * The {@code external_ids} that mark a northbound row as OSC's, and what kind of SPI element it holds. OSC only
 * ever modifies or deletes rows that carry {@link #OWNER}{@code =}{@link #OSC}.
 */
public final class Owned {

    /** Who owns the row. */
    public static final String OWNER = "osc-owner";
    /** The value of {@link #OWNER} on OSC's rows. */
    public static final String OSC = "osc";
    /** The SPI element kind the row holds: {@link #KIND_PORT_GROUP}, {@link #KIND_INSPECTION_PORT}, ... */
    public static final String KIND = "osc-kind";
    /** The SPI id of the element the row holds. */
    public static final String ID = "osc-id";
    /** A port group row holding a security group's port group. */
    public static final String KIND_PORT_GROUP = "port-group";
    /** A port group row holding an inspection port registration (and its hooks). */
    public static final String KIND_INSPECTION_PORT = "inspection-port";
    /** A router policy row of an inspection hook. */
    public static final String KIND_INSPECTION_HOOK = "inspection-hook";

    private Owned() {
    }

    /**
     * @param row a Port_Group or Logical_Router_Policy row
     * @return its kind if OSC owns it
     */
    public static Optional<String> kind(Row row) {
        Map<Object, Object> ids = row.getMap("external_ids");
        if (!OSC.equals(ids.get(OWNER))) {
            return Optional.empty();
        }
        return Optional.ofNullable((String) ids.get(KIND));
    }

    /**
     * @param row a row OSC owns
     * @return its SPI id, or null
     */
    public static String id(Row row) {
        return (String) row.getMap("external_ids").get(ID);
    }
}
