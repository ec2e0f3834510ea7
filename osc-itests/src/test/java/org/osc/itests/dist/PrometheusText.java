package org.osc.itests.dist;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: every line must be a
 * {@code # HELP}, a {@code # TYPE} or a sample of the grammar, every sample must belong to a family typed before it,
 * no series may repeat, and each histogram's buckets must rise to a {@code +Inf} bucket equal to its
 * {@code _count}. Anything else fails the parse with the line, so a scrape that Prometheus would refuse cannot pass.
 */
final class PrometheusText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*";
    private static final String VALUE = "[+-]?(?:Inf|NaN|[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME
            + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)\\})? (" + VALUE
            + ")(?: -?[0-9]+)?");
    private static final Pattern PAIR = Pattern.compile("(" + LABEL + ")=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Set<String> HISTOGRAM_SUFFIXES = Set.of("_bucket", "_count", "_sum", "_created");

    /** One sample line: the series' name, its labels and its value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** The families' types by name, in the order typed. */
    private final Map<String, String> types = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {
    }

    /**
     * @return the scrape, parsed
     * @throws IllegalArgumentException naming the line that breaks the format or a family's rules
     */
    static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        Set<String> series = new HashSet<>();
        Set<String> helped = new HashSet<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                require(helped.add(m.group(1)), number, line, "a second HELP for the family");
            } else if ((m = TYPE.matcher(line)).matches()) {
                require(parsed.types.put(m.group(1), m.group(2)) == null, number, line, "a second TYPE");
            } else if (line.startsWith("#")) {
                require(!line.startsWith("# HELP") && !line.startsWith("# TYPE"), number, line,
                        "a malformed HELP/TYPE");
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                Map<String, String> labels = labels(m.group(2), number, line);
                String family = parsed.family(m.group(1));
                require(family != null, number, line, "a sample of no family typed before it");
                require(series.add(m.group(1) + labels), number, line, "a repeated series");
                parsed.samples.add(new Sample(m.group(1), labels, Double.parseDouble(
                        m.group(3).replace("Inf", "Infinity"))));
            } else {
                throw new IllegalArgumentException("Line " + number + " is not of the text format: " + line);
            }
        }
        parsed.checkHistograms();
        return parsed;
    }

    /** @return the family's type, null when absent */
    String type(String family) {
        return types.get(family);
    }

    /** @return the samples of the series name (e.g. {@code osc_reconcile_total}) */
    List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /**
     * @param labels the labels the sample must have (it may have more)
     * @return the sum of the matching samples' values, 0 when none matches
     */
    double sum(String name, Map<String, String> labels) {
        return samples(name).stream().filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** @return the value of the one sample with exactly these labels, or 0 when absent */
    double value(String name, Map<String, String> labels) {
        return samples(name).stream().filter(s -> s.labels().equals(labels)).mapToDouble(Sample::value)
                .findFirst().orElse(0);
    }

    private String family(String sample) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : HISTOGRAM_SUFFIXES) {
            String base = sample.endsWith(suffix) ? sample.substring(0, sample.length() - suffix.length()) : null;
            if (base != null && ("histogram".equals(types.get(base)) || "summary".equals(types.get(base)))) {
                return base;
            }
        }
        return null;
    }

    private static Map<String, String> labels(String text, int number, String line) {
        Map<String, String> labels = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher pair = PAIR.matcher(text);
        int at = 0;
        while (at < text.length()) {
            require(pair.find(at) && pair.start() == at, number, line, "malformed labels");
            require(labels.put(pair.group(1), pair.group(2)) == null, number, line, "a repeated label");
            at = pair.end();
        }
        return labels;
    }

    private void checkHistograms() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
            for (Sample bucket : samples(family + "_bucket")) {
                Map<String, String> series = new TreeMap<>(bucket.labels());
                require(series.remove("le") != null, 0, bucket.toString(), "a bucket without le");
                buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(bucket);
            }
            buckets.forEach((series, list) -> {
                double previous = 0;
                for (Sample bucket : list) {
                    require(bucket.value() >= previous, 0, bucket.toString(), "buckets that do not rise");
                    previous = bucket.value();
                }
                Sample last = list.get(list.size() - 1);
                require(last.labels().get("le").equals("+Inf"), 0, last.toString(), "no +Inf bucket last");
                require(last.value() == value(family + "_count", series), 0, last.toString(),
                        "a +Inf bucket unlike _count");
            });
        });
    }

    private static void require(boolean condition, int number, String line, String what) {
        if (!condition) {
            throw new IllegalArgumentException("Line " + number + ": " + what + ": " + line);
        }
    }
}
