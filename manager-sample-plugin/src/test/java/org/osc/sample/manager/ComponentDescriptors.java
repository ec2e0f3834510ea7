package org.osc.sample.manager;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the DS descriptors bnd generated into the build output, so tests check the service properties OSC
 * will really see rather than a copy of them.
 */
final class ComponentDescriptors {

    private ComponentDescriptors() {
    }

    static Map<String, Object> properties(Class<?> component) throws Exception {
        String resource = "/OSGI-INF/" + component.getName() + ".xml";
        try (InputStream in = component.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError(resource + " missing: bnd-process did not run");
            }
            NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                    .getElementsByTagName("property");
            Map<String, Object> properties = new LinkedHashMap<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element property = (Element) nodes.item(i);
                String value = property.hasAttribute("value") ? property.getAttribute("value")
                        : property.getTextContent().strip();
                properties.put(property.getAttribute("name"),
                        "Boolean".equals(property.getAttribute("type")) ? Boolean.valueOf(value) : value);
            }
            return properties;
        }
    }
}
