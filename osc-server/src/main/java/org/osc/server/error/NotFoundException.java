package org.osc.server.error;

import java.util.List;

/** An id or name that names nothing: 404. */
public class NotFoundException extends OscException {

    private static final long serialVersionUID = 1L;

    /** @param what e.g. "User 'bob'" or "Security group 12" */
    public NotFoundException(String what) {
        super(what + " does not exist", List.of());
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String title() {
        return "Not found";
    }
}
