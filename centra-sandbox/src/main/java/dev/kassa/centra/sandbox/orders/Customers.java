package dev.kassa.centra.sandbox.orders;

import dev.kassa.centra.sandbox.state.Counters;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Customers behind orders (§6.1): {@code customerId} attaches to that customer, {@code customerRegister}
 * to the registered customer with the order's e-mail, and otherwise Centra auto-creates one per order.
 */
@Repository
public class Customers {

    private final JdbcClient jdbc;
    private final Counters counters;

    Customers(JdbcClient jdbc, Counters counters) {
        this.jdbc = jdbc;
        this.counters = counters;
    }

    public boolean exists(long id) {
        return jdbc.sql("select count(*) from centra_customer where customer_id = ?").param(id).query(Integer.class)
                .single() > 0;
    }

    public long registered(String email) {
        Optional<Long> found = jdbc.sql("""
                select customer_id from centra_customer where email = ? and registered order by customer_id""")
                .param(email.toLowerCase()).query(Long.class).list().stream().findFirst();
        return found.orElseGet(() -> create(email, true));
    }

    public long create(String email, boolean registered) {
        long id = counters.next(Counters.CUSTOMER);
        jdbc.sql("insert into centra_customer (customer_id, email, registered) values (?, ?, ?)")
                .params(id, email.toLowerCase(), registered).update();
        return id;
    }
}
