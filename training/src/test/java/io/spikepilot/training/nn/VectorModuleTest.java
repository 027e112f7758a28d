package io.spikepilot.training.nn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorModuleTest {
    @Test
    void testJvmsGetTheModuleFromTheBuild() {
        // surefire's argLine adds it; a build that loses the flag fails here rather than in every sequence pass
        assertTrue(VectorModule.present());
        assertDoesNotThrow(VectorModule::require);
    }

    @Test
    void theMissingModuleMessageSaysHowToAddIt() {
        assertEquals("training needs the JDK module jdk.incubator.vector and this JVM was started without it: run "
                + "./spikepilot (it adds the module for train commands) or add '--add-modules jdk.incubator.vector' "
                + "to the java command", VectorModule.missingMessage());
    }
}
