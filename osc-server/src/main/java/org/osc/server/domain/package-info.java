/**
 * The domain model an administrator creates (connectors, catalog, distributed appliances, deployment specs,
 * security groups, bindings) as Hibernate entities. One source of truth for the schema is the Flyway
 * migrations under {@code db/migration}; these mappings follow them ({@code hbm2ddl} is off).
 */
package org.osc.server.domain;
