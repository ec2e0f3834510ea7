package org.osc.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Prints answers in the chosen format: aligned tables of the main fields for people, or the server's JSON
 * (or the same tree as YAML) for scripts.
 */
public final class Output {

    /** The output formats of {@code -o}. */
    public enum Format {
        /** aligned columns of the main fields */
        table,
        /** the server's JSON, every field */
        json,
        /** the server's JSON as YAML */
        yaml
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());

    private final PrintWriter out;
    private final Format format;

    /**
     * @param out where to print (stdout)
     * @param format the chosen format
     */
    public Output(PrintWriter out, Format format) {
        this.out = out;
        this.format = format;
    }

    /** @return whether the output is for people (a table) rather than a document */
    public boolean isTable() {
        return format == Format.table;
    }

    /** Prints a collection answer ({@code {"items": [...]}}). */
    public void list(Kind kind, JsonNode body) {
        if (isTable()) {
            out.print(table(Columns.of(kind), body.path("items")));
        } else {
            document(body);
        }
        out.flush();
    }

    /** Prints one object: a one-row table, or the document. */
    public void one(Kind kind, JsonNode body) {
        if (isTable()) {
            out.print(table(Columns.of(kind), List.of(body)));
        } else {
            document(body);
        }
        out.flush();
    }

    /** Prints an object field by field (a job), or the document. */
    public void details(JsonNode body) {
        if (!isTable()) {
            document(body);
            return;
        }
        int width = 0;
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            width = Math.max(width, names.next().length());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.println(pad(field.getKey() + ":", width + 1) + " " + oneLine(Columns.cell(field.getValue())));
        }
        out.flush();
    }

    /**
     * Prints a line for people, or the answer's document for scripts (e.g. {@code {"id", "jobId"}}); nothing
     * for scripts when the answer had no body (204), so that their output always parses.
     */
    public void result(String line, JsonNode body) {
        if (isTable()) {
            out.println(line);
        } else if (body != null) {
            document(body);
        }
        out.flush();
    }

    /** Prints the tree as JSON or YAML. */
    public void document(JsonNode body) {
        try {
            String text = (format == Format.yaml ? YAML : JSON).writeValueAsString(body);
            out.print(text.endsWith("\n") ? text : text + "\n");
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * @param columns the columns
     * @param rows the objects, one per row
     * @return the table with a header line, columns aligned and separated by three spaces
     */
    public static String table(List<Columns.Column> columns, Iterable<JsonNode> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.stream().map(Columns.Column::header).toArray(String[]::new));
        for (JsonNode row : rows) {
            lines.add(columns.stream().map(c -> oneLine(c.value().apply(row))).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                // the last column is not padded, so that lines carry no trailing blanks
                text.append(i == line.length - 1 ? line[i] : pad(line[i], widths[i]) + "   ");
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
