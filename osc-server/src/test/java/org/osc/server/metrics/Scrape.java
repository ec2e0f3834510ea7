package org.osc.server.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;

/** The registry as {@code /metrics} writes it, and the value of one sample line of it. */
final class Scrape {

    private final String text;

    private Scrape(String text) {
        this.text = text;
    }

    /** @return the registry written now, in the text format */
    static Scrape now() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, OscMetrics.REGISTRY.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(out.toString(StandardCharsets.UTF_8));
    }

    /**
     * @param series the sample's name and labels as written, e.g. {@code osc_reconcile_total{controller="x"}}
     * @return its value; 0 when the line is absent (a series not created yet)
     */
    double value(String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
