/** Level-triggered reconciliation: one reconciler per root object type, run as jobs locked per object. */
package org.osc.server.reconcile;
