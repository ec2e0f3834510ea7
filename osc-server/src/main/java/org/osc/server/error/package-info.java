/** The failures the server reports to callers, each with its HTTP status; mapped to problem+json by REST. */
package org.osc.server.error;
