package org.osc.server.login;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement whose parameters are named ({@code :now}), so that one value may appear several times in it: JDBC
 * takes positional parameters only.
 */
final class NamedSql {

    private static final Pattern PARAMETER = Pattern.compile(":([a-z][A-Za-z]*)");

    private final String text;
    private final List<String> order = new ArrayList<>();

    /** @param named the statement with {@code :name} parameters */
    NamedSql(String named) {
        Matcher matcher = PARAMETER.matcher(named);
        StringBuilder positional = new StringBuilder();
        while (matcher.find()) {
            order.add(matcher.group(1));
            matcher.appendReplacement(positional, "?");
        }
        matcher.appendTail(positional);
        this.text = positional.toString();
    }

    /** @return the statement prepared on the connection with the values bound (the caller closes it) */
    PreparedStatement prepare(Connection connection, Map<String, Object> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text);
        try {
            for (int i = 0; i < order.size(); i++) {
                String name = order.get(i);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("No value for :" + name);
                }
                statement.setObject(i + 1, values.get(name));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
