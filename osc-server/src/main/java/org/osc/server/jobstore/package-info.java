/** Persistence of jobs and tasks in the server's database (the Hibernate implementation of the job store). */
package org.osc.server.jobstore;
