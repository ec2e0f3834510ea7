/**
 * Distributed appliances with their virtual systems (one manager device each), deployment specs and the
 * distributed appliance instances they run, with the reconcilers that keep the manager and the
 * virtualization platform in step.
 */
package org.osc.server.da;
