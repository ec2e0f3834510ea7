/** OSC's answers for the errors the embedded HTTP server (Felix HTTP Jetty) gives itself. */
package org.osc.server.rest.jetty;
