/**
 * The check of a connector's cluster before OSC relies on it: the API server answers, and the credentials hold
 * the permissions OSC needs (asked with SelfSubjectAccessReviews, so nothing is tried for real). Nothing here is
 * exported.
 */
package org.osc.k8s.access;
