/**
 * The appliance catalog: appliance models per manager type, and their software versions (for Kubernetes:
 * the VNF container image, pull secret and resources). Plain data: no reconcile, no jobs.
 */
package org.osc.server.catalog;
