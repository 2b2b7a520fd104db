package scot.cairn.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Jackson writes a {@code double} with {@link Double#toString}: a count as {@code 118049.0}, a sum
 * as {@code 0.30000000000000004}. Registered on an {@code ObjectMapper}, this module writes doubles
 * and floats as {@link Numbers#computed} does, the same text a CSV cell or a page shows; NaN and
 * infinities, which JSON has no number for, as {@code null}.
 */
public final class JsonNumbers {
    private JsonNumbers() {}

    /** The module; register it with {@code ObjectMapper.registerModule}. */
    public static Module module() {
        SimpleModule m = new SimpleModule("cairn-numbers");
        m.addSerializer(Double.class, new Computed<>(Double.class));
        m.addSerializer(Double.TYPE, new Computed<>(Double.TYPE));
        m.addSerializer(Float.class, new Computed<>(Float.class));
        m.addSerializer(Float.TYPE, new Computed<>(Float.TYPE));
        return m;
    }

    private static final class Computed<T extends Number> extends StdSerializer<T> {
        private static final long serialVersionUID = 1L;

        Computed(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
            String text = Numbers.computed(value.doubleValue());
            if (text == null) {
                g.writeNull();
            } else {
                g.writeNumber(text);
            }
        }
    }
}
