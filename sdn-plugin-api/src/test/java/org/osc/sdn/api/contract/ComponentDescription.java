package org.osc.sdn.api.contract;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the service properties from a DS component description that bnd generated from the annotations, so
 * that a plugin's {@link SdnContractFixture#serviceProperties()} returns what the bundle will really register
 * rather than a hand-made copy of it. Works in any module built by bnd-maven-plugin, whose
 * {@code OSGI-INF/*.xml} files are on the test class path.
 */
public final class ComponentDescription {

    private ComponentDescription() {
    }

    /**
     * The typed properties ({@code String}, {@code Boolean}, arrays of them) of a component description.
     *
     * @param componentName the component name, by default the implementation class's name
     * @return the properties in declaration order
     * @throws IllegalStateException if {@code OSGI-INF/<componentName>.xml} is not on the class path
     */
    public static Map<String, Object> properties(String componentName) {
        String resource = "OSGI-INF/" + componentName + ".xml";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not found: did bnd-process run?");
            }
            NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                    .getElementsByTagName("property");
            Map<String, Object> props = new LinkedHashMap<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element property = (Element) nodes.item(i);
                props.put(property.getAttribute("name"), value(property));
            }
            return props;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** A single value in the {@code value} attribute, an array as one value per line of the body. */
    private static Object value(Element property) {
        String type = property.getAttribute("type");
        if (property.hasAttribute("value")) {
            return typed(type, property.getAttribute("value").trim());
        }
        String[] lines = property.getTextContent().strip().split("\\R");
        if ("Boolean".equals(type)) {
            Boolean[] values = new Boolean[lines.length];
            for (int i = 0; i < lines.length; i++) {
                values[i] = Boolean.valueOf(lines[i].trim());
            }
            return values;
        }
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].trim();
        }
        return lines;
    }

    private static Object typed(String type, String value) {
        return "Boolean".equals(type) ? (Object) Boolean.valueOf(value) : value;
    }
}
