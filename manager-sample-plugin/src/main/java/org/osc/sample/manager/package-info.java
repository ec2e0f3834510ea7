/**
 * The sample security manager: a complete, stateful {@link org.osc.api.manager.ApplianceManagerApi}
 * implementation that keeps its devices, security groups and policy mappings in a JSON file and shows them
 * over REST, so that tests and demos can watch what OSC tells a security manager. Not exported: nothing
 * here is API.
 */
package org.osc.sample.manager;
