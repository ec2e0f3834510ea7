/** The server's job service: the job engine over the database store, as an OSGi component. */
package org.osc.server.jobs;
