/**
 * Event sources beside the cluster's: plugins arriving and leaving ({@link org.osc.server.events.PluginFollower})
 * and what SDN plugins push through the SPI's notification channel ({@link org.osc.server.events.SdnPushChannel}).
 * Like every event source, they only ask for the reconcile of the objects concerned; the reconcilers decide.
 * Internal to the server: nothing here is exported.
 */
package org.osc.server.events;
