package io.spikepilot.controller.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesNestedValuesWithTheirJavaTypes() {
        Object v = Json.parse(" {\"a\": [1, -2.5e1, true, null], \"b\": {\"c\": \"x\\u00e9\\n\"}} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", List.of(1L, -25.0, true, Json.NULL));
        expected.put("b", Map.of("c", "xé\n"));
        assertEquals(expected, v);
    }

    @Test
    void rejectsDuplicateKeysNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertEquals("JSON at offset 7: expected unique keys, found duplicate key \"a\"", e.getMessage());
    }

    @Test
    void rejectsTrailingComma() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,]"));
        assertEquals("JSON at offset 3: expected a value, found ']'", e.getMessage());
    }

    @Test
    void rejectsLeadingZeros() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("012"));
    }

    @Test
    void rejectsUnterminatedString() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("\"abc"));
        assertEquals("JSON at offset 4: expected closing '\"', found end of input", e.getMessage());
    }

    @Test
    void rejectsNestingDeeperThanTheLimit() {
        String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
        assertEquals("JSON at offset 65: expected nesting of at most 64 levels, found deeper nesting", e.getMessage());
    }

    @Test
    void rejectsIntegersBeyond64Bits() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("9223372036854775808"));
    }

    @Property(tries = 200)
    void writtenStringsParseBack(@ForAll String s) {
        assertEquals(s, Json.parse(Json.write(s)));
    }

    @Property(tries = 200)
    void writtenLongsParseBack(@ForAll long v) {
        assertEquals(v, Json.parse(Json.write(Map.of("v", v))) instanceof Map<?, ?> m ? m.get("v") : null);
    }
}
