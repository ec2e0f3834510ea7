package org.osc.server.jobstore;

/** Keeps free text within its column. */
final class Text {

    private Text() {
    }

    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
